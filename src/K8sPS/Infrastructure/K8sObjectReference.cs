using System.Collections;
using System.Management.Automation;
using k8s;
using k8s.Models;

namespace K8sPS;

/// <summary>
/// Which object a cmdlet should act on, taken from whatever was piped or passed: a K8sPS object
/// (V1Pod...), a `kubectl get -o json | ConvertFrom-Json` object (also a List: each item), a
/// hashtable with metadata, an object with Name/Namespace properties, or a plain name.
/// </summary>
public sealed class K8sObjectReference
{
    public K8sObjectReference(string name, string? @namespace = null, string? kind = null, string? apiVersion = null, object? source = null)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Kind = string.IsNullOrEmpty(kind) ? null : kind;
        ApiVersion = apiVersion;
        Source = source;
    }

    public string Name { get; }
    /// <summary>Null when the input did not say (then -Namespace or the context's namespace applies).</summary>
    public string? Namespace { get; }
    /// <summary>Null when the input did not say (a plain name).</summary>
    public string? Kind { get; }
    public string? ApiVersion { get; }
    /// <summary>The object as it was given: the target of any error about it.</summary>
    public object? Source { get; }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";

    /// <summary>References for <paramref name="input"/>; a list object or array gives one per item.</summary>
    public static IEnumerable<K8sObjectReference> From(object? input)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        switch (value)
        {
            case null:
                yield break;
            case K8sObjectReference r:
                yield return r;
                yield break;
            case string s:
                if (string.IsNullOrWhiteSpace(s)) throw new ArgumentException("An object name must not be empty.");
                yield return new K8sObjectReference(s, source: s);
                yield break;
            case IKubernetesObject<V1ObjectMeta> typed:
                yield return new K8sObjectReference(typed.Metadata?.Name ?? throw NoName(typed), typed.Metadata.NamespaceProperty, typed.Kind, typed.ApiVersion, typed);
                yield break;
            case IDictionary dictionary:
                foreach (var r in FromMembers(input!, k => dictionary.Contains(k) ? dictionary[k] : FindKey(dictionary, k))) yield return r;
                yield break;
            case IEnumerable list when value is not PSObject:
                foreach (var item in list)
                    foreach (var r in From(item)) yield return r;
                yield break;
        }
        var wrapped = input as PSObject ?? PSObject.AsPSObject(input);
        foreach (var r in FromMembers(input!, k => wrapped.Properties[k]?.Value)) yield return r;
    }

    /// <summary>Reads kind/apiVersion/metadata (or items, or Name/Namespace) through <paramref name="get"/>.</summary>
    private static IEnumerable<K8sObjectReference> FromMembers(object source, Func<string, object?> get)
    {
        if (Unwrap(get("items")) is IEnumerable items and not string)
        {
            foreach (var item in items)
                foreach (var r in From(item)) yield return r;
            yield break;
        }
        var kind = Unwrap(get("kind")) as string;
        var apiVersion = Unwrap(get("apiVersion")) as string;
        var metadata = Unwrap(get("metadata"));
        if (metadata is not null)
        {
            var name = Member(metadata, "name") ?? throw NoName(source);
            yield return new K8sObjectReference(name, Member(metadata, "namespace"), kind, apiVersion, source);
            yield break;
        }
        if (Unwrap(get("Name")) is string plainName && plainName.Length > 0)
        {
            yield return new K8sObjectReference(plainName, Unwrap(get("Namespace")) as string, kind, apiVersion, source);
            yield break;
        }
        throw NoName(source);
    }

    private static string? Member(object metadata, string key) => metadata switch
    {
        IDictionary d => Unwrap(d.Contains(key) ? d[key] : FindKey(d, key)) as string,
        V1ObjectMeta m => key == "name" ? m.Name : m.NamespaceProperty,
        _ => Unwrap(PSObject.AsPSObject(metadata).Properties[key]?.Value) as string,
    };

    private static object? FindKey(IDictionary d, string key)
    {
        foreach (DictionaryEntry e in d)
            if (e.Key is string k && string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) return e.Value;
        return null;
    }

    // A PSObject around a PSCustomObject *is* the object (its properties live on the wrapper): keep it.
    private static object? Unwrap(object? o) => o is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : o;

    private static ArgumentException NoName(object source)
        => new($"Cannot tell which object is meant: the input has no metadata.name or Name ({source.GetType().Name}).");
}

/// <summary>
/// Lets an -InputObject parameter of type <see cref="K8sObjectReference"/>[] take any of the inputs
/// <see cref="K8sObjectReference.From"/> understands, by pipeline or by argument.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class K8sObjectReferenceTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        try
        {
            return K8sObjectReference.From(inputData).ToArray();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
