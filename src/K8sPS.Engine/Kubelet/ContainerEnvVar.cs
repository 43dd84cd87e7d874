using System.Text;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// One variable of a container's environment: its name, where it came from, whether its value is secret (it
/// came from a Secret, or $(VAR) expansion pulled a secret value into it), and the value. A secret value is not
/// a property: <see cref="Value"/> is null for it and only <see cref="RevealValue"/> gives it, so formatting the
/// variable shows no secret.
/// </summary>
public sealed class ContainerEnvVar
{
    private readonly string value;

    internal ContainerEnvVar(string name, string value, EnvVarOrigin origin, bool isSecret, IReadOnlyList<EnvVarOrigin> overrides, ExpansionResult? expansion)
    {
        Name = name;
        this.value = value;
        Origin = origin;
        IsSecret = isSecret;
        Overrides = overrides;
        References = expansion?.Resolved ?? [];
        UnresolvedReferences = expansion?.Unresolved ?? [];
    }

    public string Name { get; }

    public EnvVarOrigin Origin { get; }

    /// <summary>True when the value is, or contains, a Secret's value: callers mask it.</summary>
    public bool IsSecret { get; }

    /// <summary>The value, or null when it is secret (see <see cref="RevealValue"/>).</summary>
    public string? Value => IsSecret ? null : value;

    /// <summary>The value's length in UTF-8 bytes (shown in place of a secret value).</summary>
    public int Size => Encoding.UTF8.GetByteCount(value);

    /// <summary>Earlier definitions of the same name this one replaced (env wins over envFrom, later envFrom over earlier).</summary>
    public IReadOnlyList<EnvVarOrigin> Overrides { get; }

    /// <summary>Variables whose values $(VAR) expansion put into this one.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>$(VAR) references left as written: no such variable was defined before this one.</summary>
    public IReadOnlyList<string> UnresolvedReferences { get; }

    /// <summary>The value, secret or not: an explicit call, so it is never shown by accident.</summary>
    public string RevealValue() => value;

    public override string ToString() => IsSecret ? $"{Name}=<secret, {Size} bytes>" : $"{Name}={value}";
}
