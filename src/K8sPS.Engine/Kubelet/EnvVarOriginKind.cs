namespace K8sPS.Engine.Kubelet;

/// <summary>Where the kubelet took a variable from.</summary>
public enum EnvVarOriginKind
{
    /// <summary>A service link variable (FOO_SERVICE_HOST, FOO_PORT_80_TCP ...).</summary>
    ServiceLink,
    /// <summary>A key of a ConfigMap named by envFrom.configMapRef.</summary>
    ConfigMapEnvFrom,
    /// <summary>A key of a Secret named by envFrom.secretRef.</summary>
    SecretEnvFrom,
    /// <summary>env[].value, after $(VAR) expansion.</summary>
    Value,
    /// <summary>env[].valueFrom.fieldRef.</summary>
    FieldRef,
    /// <summary>env[].valueFrom.resourceFieldRef.</summary>
    ResourceFieldRef,
    /// <summary>env[].valueFrom.configMapKeyRef.</summary>
    ConfigMapKey,
    /// <summary>env[].valueFrom.secretKeyRef.</summary>
    SecretKey,
}
