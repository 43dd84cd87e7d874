using k8s.Models;

namespace K8sPS.Engine.Generators;

/// <summary>
/// What `kubectl create secret|configmap ... --dry-run=client -o yaml | kubectl apply -f -` leaves on the server when
/// the object exists: the generated content (type, data, binaryData) in place of the old, and the rest of the live
/// object (labels, annotations, owners, finalizers) kept, with its resourceVersion so a concurrent change is a
/// conflict rather than lost. Two differences, on purpose: keys no longer generated are removed (kubectl keeps those
/// it did not apply itself), and kubectl's last-applied-configuration annotation is dropped rather than rewritten,
/// since for a Secret it would hold every value in clear text.
/// </summary>
public static class CreateOrReplace
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static V1Secret Secret(V1Secret existing, V1Secret generated)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(generated);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = Metadata(existing.Metadata, generated.Metadata),
            // The type cannot change on the server; sending the generated one lets the server say so.
            Type = string.IsNullOrEmpty(generated.Type) ? existing.Type ?? SecretGenerator.OpaqueType : generated.Type,
            Data = generated.Data,
            StringData = generated.StringData,
            Immutable = existing.Immutable,
        };
    }

    public static V1ConfigMap ConfigMap(V1ConfigMap existing, V1ConfigMap generated)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(generated);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(existing.Metadata, generated.Metadata),
            Data = generated.Data,
            BinaryData = generated.BinaryData,
            Immutable = existing.Immutable,
        };
    }

    private static V1ObjectMeta Metadata(V1ObjectMeta? live, V1ObjectMeta? generated)
    {
        var annotations = live?.Annotations?.Where(a => a.Key != LastAppliedAnnotation).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var labels = live?.Labels is { } l ? new Dictionary<string, string>(l, StringComparer.Ordinal) : null;
        foreach (var (key, value) in generated?.Labels ?? new Dictionary<string, string>()) (labels ??= new(StringComparer.Ordinal))[key] = value;
        return new V1ObjectMeta
        {
            Name = live?.Name ?? generated?.Name,
            NamespaceProperty = live?.NamespaceProperty ?? generated?.NamespaceProperty,
            ResourceVersion = live?.ResourceVersion,
            Uid = live?.Uid,
            Labels = labels is { Count: > 0 } ? labels : null,
            Annotations = annotations is { Count: > 0 } ? annotations : null,
            OwnerReferences = live?.OwnerReferences,
            Finalizers = live?.Finalizers,
        };
    }
}
