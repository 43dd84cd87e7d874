using K8sPS.Engine.Kubelet;

namespace K8sPS.Workloads;

/// <summary>
/// One variable of a container's environment as Get-K8sPodEnvironment shows it: a secret value (from a Secret, or
/// pulled in by $(VAR) expansion) is null here unless -AsPlainText was given; its size is shown instead.
/// </summary>
public sealed class PodEnvironmentVariable
{
    internal PodEnvironmentVariable(ContainerEnvVar variable, bool reveal)
    {
        Name = variable.Name;
        IsSecret = variable.IsSecret;
        Value = variable.IsSecret && !reveal ? null : variable.RevealValue();
        Size = variable.Size;
        Source = variable.Origin.ToString();
        Origin = variable.Origin;
        Overrides = variable.Overrides.Select(o => o.ToString()).ToArray();
        UnresolvedReferences = variable.UnresolvedReferences.ToArray();
    }

    public string Name { get; }

    /// <summary>The value; null for a secret one unless -AsPlainText.</summary>
    public string? Value { get; }

    public bool IsSecret { get; }

    /// <summary>The value's size in UTF-8 bytes.</summary>
    public int Size { get; }

    /// <summary>Where it came from, e.g. "secret db key password (spec.containers[0].env[1])".</summary>
    public string Source { get; }

    public EnvVarOrigin Origin { get; }

    /// <summary>Earlier definitions of the name this one replaced.</summary>
    public string[] Overrides { get; }

    /// <summary>$(VAR) references left as written (no such variable before this one).</summary>
    public string[] UnresolvedReferences { get; }

    /// <summary>The value as shown: masked for a secret unless revealed.</summary>
    public string DisplayValue => Value ?? $"<secret, {Size} bytes>";

    public override string ToString() => $"{Name}={DisplayValue}";
}
