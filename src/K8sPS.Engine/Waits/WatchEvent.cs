using System.Text.Json.Nodes;

namespace K8sPS.Engine.Waits;

/// <summary>One event of <see cref="ObjectWatch"/>, with the object as the server sent it.</summary>
public sealed record WatchEvent(WatchEventKind Type, JsonObject? Object)
{
    public string? Name => Object?["metadata"]?["name"]?.GetValue<string>();
    public string? Namespace => Object?["metadata"]?["namespace"]?.GetValue<string>();
    public string? Uid => Object?["metadata"]?["uid"]?.GetValue<string>();
    public string? ResourceVersion => Object?["metadata"]?["resourceVersion"]?.GetValue<string>();
}
