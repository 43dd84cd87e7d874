namespace K8sPS.Engine.Kubelet;

/// <summary>
/// Where one variable came from: the kind, the object (service, ConfigMap, Secret) or pod field, the key, and the
/// place in the pod spec (e.g. spec.containers[0].env[2]) that asked for it.
/// </summary>
/// <param name="Kind">What kind of source.</param>
/// <param name="Field">The pod spec path that made it; for a service link, the service's namespace/name.</param>
/// <param name="ObjectName">The service, ConfigMap or Secret; null for values and pod fields.</param>
/// <param name="Key">The ConfigMap or Secret key; for fieldRef and resourceFieldRef the field path or resource.</param>
/// <param name="Prefix">envFrom's prefix, when it has one.</param>
public sealed record EnvVarOrigin(EnvVarOriginKind Kind, string Field, string? ObjectName = null, string? Key = null, string? Prefix = null)
{
    public override string ToString() => Kind switch
    {
        EnvVarOriginKind.ServiceLink => $"service {ObjectName}",
        EnvVarOriginKind.ConfigMapEnvFrom => $"configMap {ObjectName} key {Key} ({Field}{(string.IsNullOrEmpty(Prefix) ? "" : $", prefix {Prefix}")})",
        EnvVarOriginKind.SecretEnvFrom => $"secret {ObjectName} key {Key} ({Field}{(string.IsNullOrEmpty(Prefix) ? "" : $", prefix {Prefix}")})",
        EnvVarOriginKind.Value => $"value ({Field})",
        EnvVarOriginKind.FieldRef => $"fieldRef {Key} ({Field})",
        EnvVarOriginKind.ResourceFieldRef => $"resourceFieldRef {Key} ({Field})",
        EnvVarOriginKind.ConfigMapKey => $"configMap {ObjectName} key {Key} ({Field})",
        EnvVarOriginKind.SecretKey => $"secret {ObjectName} key {Key} ({Field})",
        _ => Field,
    };
}
