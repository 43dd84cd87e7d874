using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Secrets;

/// <summary>
/// The one way to a Secret's values: an explicit call per key that returns a fresh copy of the bytes (the
/// caller wraps them, e.g. in a SecureString, and clears the array). Nothing here caches or prints them.
/// </summary>
public static class SecretValues
{
    /// <summary>The value of <paramref name="key"/>; stringData wins over data, as on the server.</summary>
    public static byte[] Read(V1Secret secret, string key)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(key);
        if (secret.StringData is { } stringData && stringData.TryGetValue(key, out var text))
            return Encoding.UTF8.GetBytes(text ?? "");
        if (secret.Data is { } data && data.TryGetValue(key, out var value))
            return (byte[])(value ?? []).Clone();
        var ns = secret.Metadata?.NamespaceProperty;
        var name = secret.Metadata?.Name ?? "";
        var keys = SecretView.From(secret).Keys.Select(k => k.Key).ToList();
        throw new K8sException(new K8sError("KeyNotFound", K8sErrorCategory.NotFound,
            $"couldn't find key {key} in Secret {(ns is null ? "" : ns + "/")}{name}")
        {
            Kind = "Secret",
            Name = name,
            Namespace = ns,
            RecommendedAction = keys.Count == 0 ? "The secret holds no keys." : $"Its keys are: {string.Join(", ", keys)}.",
        });
    }
}
