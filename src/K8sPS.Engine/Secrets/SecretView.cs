using System.Text;
using k8s.Models;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Secrets;

/// <summary>One key of a Secret as it may be shown: its name and the size of its value, never the value.</summary>
public sealed record SecretKeyInfo(string Key, int Size)
{
    public override string ToString() => $"{Key} ({Size} bytes)";
}

/// <summary>
/// A Secret that is safe to print, format, serialize or log: name, namespace, type, DATA count (as kubectl get
/// shows it), key names and sizes, labels. It holds no value, not even in a private field, and no annotations
/// (kubectl apply keeps the whole manifest, values included, in last-applied-configuration). Values are read
/// only through <see cref="SecretValues.Read"/>, from the V1Secret itself.
/// </summary>
public sealed class SecretView
{
    private SecretView(string name, string? ns, string type, IReadOnlyList<SecretKeyInfo> keys, IReadOnlyDictionary<string, string> labels, DateTime? created, bool immutable)
    {
        Name = name;
        Namespace = ns;
        Type = type;
        Keys = keys;
        Labels = labels;
        CreationTimestamp = created;
        Immutable = immutable;
    }

    /// <summary>Always Secret: with <see cref="ApiVersion"/>, Name and Namespace, it says which object this is (for -InputObject binding).</summary>
    public string Kind => "Secret";

    public string ApiVersion => "v1";

    public string Name { get; }

    public string? Namespace { get; }

    /// <summary>The secret's type; Opaque when the object does not say (the server's default).</summary>
    public string Type { get; }

    /// <summary>How many keys it holds (kubectl get's DATA column).</summary>
    public int Data => Keys.Count;

    /// <summary>The keys in order, with their sizes in bytes.</summary>
    public IReadOnlyList<SecretKeyInfo> Keys { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public DateTime? CreationTimestamp { get; }

    public bool Immutable { get; }

    /// <summary>
    /// The view of <paramref name="secret"/>: keys of data and of stringData (a secret made locally may carry
    /// both; stringData wins when written, so its size counts), sorted as kubectl sorts them.
    /// </summary>
    public static SecretView From(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var sizes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (secret.Data is { } data)
            foreach (var (key, value) in data) sizes[key] = value?.Length ?? 0;
        if (secret.StringData is { } stringData)
            foreach (var (key, value) in stringData) sizes[key] = Encoding.UTF8.GetByteCount(value ?? "");
        return new SecretView(
            secret.Metadata?.Name ?? "",
            secret.Metadata?.NamespaceProperty,
            string.IsNullOrEmpty(secret.Type) ? SecretGenerator.OpaqueType : secret.Type,
            sizes.Select(p => new SecretKeyInfo(p.Key, p.Value)).ToList(),
            secret.Metadata?.Labels is { } labels ? new SortedDictionary<string, string>(labels, StringComparer.Ordinal) : new SortedDictionary<string, string>(),
            secret.Metadata?.CreationTimestamp,
            secret.Immutable == true);
    }

    public override string ToString()
        => $"Secret {(Namespace is null ? "" : Namespace + "/")}{Name} ({Type}): {Data} {(Data == 1 ? "key" : "keys")}{(Data == 0 ? "" : ": " + string.Join(", ", Keys))}";
}
