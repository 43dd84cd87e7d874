using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using K8sPS.Engine.Api;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Secrets;
using K8sPS.Secrets;

namespace K8sPS.Objects;

/// <summary>
/// Manifest objects in PowerShell: JSON to PSCustomObject and back, and where each object read from YAML came
/// from. The source rides along in a weak table rather than as a property, so it never leaks into the JSON
/// that ConvertTo-Json or kubectl would see, and it is gone when the object is.
/// </summary>
public static class ManifestObjects
{
    public const string TypeName = "K8sPS.Manifest";

    /// <summary>The type name Get-K8sResource adds to what the server returned (generic view and properties).</summary>
    public const string ResourceTypeName = "K8sPS.Resource";

    private static readonly ConditionalWeakTable<PSObject, object> Sources = new();

    /// <summary>"file:line" of an object read by ConvertFrom-K8sYaml, or null (used by the format view).</summary>
    public static string? SourceOf(PSObject? obj) =>
        obj is not null && Sources.TryGetValue(obj, out var d) && d is ManifestDocument doc && doc.Source.File is not null
            ? doc.Source.ToString() : null;

    internal static PSObject ToPSObject(ManifestDocument document)
    {
        var ps = ToPS(document.Content) as PSObject ?? new PSObject(ToPS(document.Content));
        ps.TypeNames.Insert(0, TypeName);
        if (document.Kind is { } kind) ps.TypeNames.Insert(0, $"{TypeName}#{kind}");
        Sources.AddOrUpdate(ps, document);
        return ps;
    }

    internal static PSObject ToPSObject(JsonNode? node)
    {
        var ps = ToPS(node) as PSObject ?? new PSObject(ToPS(node));
        ps.TypeNames.Insert(0, TypeName);
        return ps;
    }

    private static object? ToPS(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var ps = new PSObject();
                foreach (var (k, v) in o) ps.Properties.Add(new PSNoteProperty(k, ToPS(v)));
                return ps;
            case JsonArray a:
                return a.Select(ToPS).ToArray();
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: return v.GetValue<object>() is JsonElement e ? e.GetString() : v.ToString();
                    case JsonValueKind.True: return true;
                    case JsonValueKind.False: return false;
                    case JsonValueKind.Number:
                        var raw = v.ToJsonString();
                        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                            ? l : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                    default: return null;
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// A manifest document for anything piped in: a K8sPS (KubernetesClient) object, ConvertFrom-K8sYaml output
    /// (keeping its file and lines), `kubectl get -o json | ConvertFrom-Json` output, a hashtable.
    /// </summary>
    internal static ManifestDocument ToDocument(object input)
    {
        var ps = input as PSObject;
        var value = ps?.BaseObject ?? input;
        // A secret as K8sPS shows it holds no value: its export is the Secret the server returned.
        if (value is Engine.Secrets.SecretView view)
            value = Secrets.SecretObjects.TryGetSecret(view, out var secret) ? secret
                : throw new ArgumentException($"the secret view {view.Namespace}/{view.Name} holds no values: read the secret again (Get-K8sSecret {view.Name} -Namespace {view.Namespace})");
        // A model part without kind (the V1PodTemplateSpec of Get-K8sRolloutHistory -Revision) is written as the client writes it.
        JsonNode? node = value is IKubernetesObject typed ? KubeFormat.FromModel(typed)
            : value.GetType().Namespace == "k8s.Models" ? JsonNode.Parse(KubernetesJson.Serialize(value))
            : JsonNode.Parse(PSObjectJson.Serialize(input));
        if (value is not IKubernetesObject) node = KubeFormat.Normalize(node);
        if (ps is not null && Sources.TryGetValue(ps, out var d) && d is ManifestDocument doc) return doc.WithContent(node);
        return ManifestDocument.FromObject(node);
    }

    /// <summary>The object the server returned, as K8sPS returns objects: the KubernetesClient type when there is one.</summary>
    internal static object? ToOutput(JsonObject? obj)
    {
        if (obj is null) return null;
        var typed = ModelJson.ToModel(obj);
        // What a Secret cmdlet emits carries no value (see SecretObjects), Get-K8sResource's secrets included.
        if (typed is k8s.Models.V1Secret secret) return Secrets.SecretObjects.Output(secret);
        // K8sPS.Resource gives kubectl's NAME AGE table and Name/Namespace/Age properties rather than a property
        // dump: last for a typed model, so its kind's own view (k8s.Models.V1Secret...) wins; first for the rest,
        // ahead of K8sPS.Manifest, whose view is for objects read from files.
        if (typed is null)
        {
            var manifest = ToPSObject(obj);
            manifest.TypeNames.Insert(0, ResourceTypeName);
            return manifest;
        }
        var ps = new PSObject(typed);
        ps.TypeNames.Add(ResourceTypeName);
        return ps;
    }
}
