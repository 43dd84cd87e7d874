using System.Globalization;

namespace K8sPS.Engine.Kubelet;

/// <summary>What fills a projected file: a Secret or ConfigMap key, a pod field or resource, or a service account token.</summary>
/// <param name="Kind">secret, configMap, downwardAPI or serviceAccountToken.</param>
/// <param name="ObjectName">The Secret or ConfigMap; the container for a resourceFieldRef; null otherwise.</param>
/// <param name="Key">The key; the field path or resource for downwardAPI; the audience for a token.</param>
public sealed record ProjectedFileSource(string Kind, string? ObjectName, string? Key)
{
    public override string ToString() => Kind switch
    {
        "secret" or "configMap" => $"{Kind} {ObjectName} key {Key}",
        "serviceAccountToken" => Key is null ? "serviceAccountToken" : $"serviceAccountToken (audience {Key})",
        _ => $"{Kind} {Key}",
    };
}
