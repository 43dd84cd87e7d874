using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Waits;
using K8sPS.Objects;

namespace K8sPS.Infrastructure;

/// <summary>
/// -Watch of the Get cmdlets, over <see cref="ObjectWatch"/> (resumes a dropped watch from the last resourceVersion,
/// lists again after 410 Gone and reports only what changed, so nothing twice): every object listed, as ADDED, then
/// every change, as kubectl get -w --output-watch-events. Ends when the token is cancelled (Ctrl+C closes the stream).
/// </summary>
internal static class ResourceWatch
{
    public static async Task RunAsync(K8sConnection connection, ApiResource resource, string? ns, string? labelSelector, string? fieldSelector,
        Func<JsonObject, bool> keep, Action<K8sWatchEvent> write, CancellationToken ct, Func<object, object>? output = null)
    {
        await foreach (var e in ObjectWatch.For(connection).WatchAsync(resource.CollectionPath(ns), fieldSelector, labelSelector, ct).ConfigureAwait(false))
        {
            if (e.Type == WatchEventKind.Synced || e.Object is null || !keep(e.Object)) continue;
            // Listed objects come without their type; events carry it. Either way the object says what it is. The
            // typed one is a copy: the watch keeps the object it listed, to tell what changed after a re-list.
            var obj = e.Object;
            if (obj["kind"] is null || obj["apiVersion"] is null)
            {
                var typed = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind };
                foreach (var (k, v) in obj)
                    if (k is not "apiVersion" and not "kind") typed[k] = v?.DeepClone();
                obj = typed;
            }
            var shown = ManifestObjects.ToOutput(obj);
            write(new K8sWatchEvent
            {
                Type = e.Type.ToString().ToUpperInvariant(),
                Kind = resource.Kind,
                Name = e.Name,
                Namespace = e.Namespace,
                ResourceVersion = e.ResourceVersion,
                Object = shown is null || output is null ? shown : output(shown),
            });
        }
    }

    /// <summary>By name: kubectl get -w NAME watches that one object (a field selector); wildcards filter what is watched.</summary>
    public static (string? FieldSelector, Func<JsonObject, bool> Keep) ForNames(IReadOnlyList<string>? names, string? fieldSelector)
    {
        if (names is null || names.Count == 0) return (fieldSelector, _ => true);
        if (names.Count == 1 && !System.Management.Automation.WildcardPattern.ContainsWildcardCharacters(names[0]))
            return ($"metadata.name={names[0]}" + (fieldSelector is null ? "" : "," + fieldSelector), _ => true);
        var patterns = names.Select(n => System.Management.Automation.WildcardPattern.Get(n, System.Management.Automation.WildcardOptions.IgnoreCase)).ToList();
        return (fieldSelector, o => patterns.Any(p => p.IsMatch(o["metadata"]?["name"]?.GetValue<string>() ?? "")));
    }
}
