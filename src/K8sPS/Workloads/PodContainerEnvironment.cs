using System.Globalization;
using System.Text;
using K8sPS.Engine.Kubelet;

namespace K8sPS.Workloads;

/// <summary>
/// What one container of a pod is given, as the kubelet computes it (Get-K8sPodEnvironment): its environment
/// variables, the files of its secret, configMap, projected and downwardAPI mounts, and why it would not start.
/// </summary>
public sealed class PodContainerEnvironment
{
    internal PodContainerEnvironment(ContainerSetup setup, bool reveal)
    {
        Pod = setup.Environment.PodName;
        Namespace = setup.Environment.Namespace;
        Container = setup.ContainerName;
        IsInitContainer = setup.IsInitContainer;
        StartedAt = setup.StartedAt;
        Variables = setup.Environment.Variables.Select(v => new PodEnvironmentVariable(v, reveal)).ToArray();
        Mounts = setup.Files.Mounts.ToArray();
        Files = setup.Files.AllFiles.ToArray();
        Failure = setup.Failure;
        Events = setup.Environment.Events.ToArray();
        Notes = setup.Environment.Notes.Concat(setup.Files.Mounts.SelectMany(m => m.Notes)).ToArray();
        ValuesShown = reveal;
    }

    public string Pod { get; }

    public string Namespace { get; }

    public string Container { get; }

    public bool IsInitContainer { get; }

    /// <summary>When the container started; the service variables are those of the services that existed then.</summary>
    public DateTime? StartedAt { get; }

    public PodEnvironmentVariable[] Variables { get; }

    public VolumeMountFiles[] Mounts { get; }

    /// <summary>Every file the container sees through its secret, configMap, projected and downwardAPI mounts.</summary>
    public ProjectedFile[] Files { get; }

    /// <summary>Why the kubelet would not start it (CreateContainerConfigError, or ContainerCreating for a volume); null when it would.</summary>
    public ContainerStartFailure? Failure { get; }

    public KubeletEvent[] Events { get; }

    public string[] Notes { get; }

    /// <summary>True when -AsPlainText asked for secret values.</summary>
    public bool ValuesShown { get; }

    /// <summary>The variable named <paramref name="name"/>, or null.</summary>
    public PodEnvironmentVariable? this[string name] => Variables.FirstOrDefault(v => v.Name == name);

    /// <summary>The text the default view prints: a heading, the variables and the files, as two aligned tables.</summary>
    public string FormatText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Pod {Namespace}/{Pod}, {(IsInitContainer ? "init container" : "container")} {Container}: ");
        text.Append(Failure is null ? "starts" : $"{Failure.Reason}: {Failure.Message} ({Failure.Field})").Append('\n');
        if (Variables.Length > 0)
        {
            text.Append('\n');
            Table(text, ["NAME", "VALUE", "FROM"], Variables.Select(v => new[] { v.Name, v.DisplayValue, v.Source }));
        }
        if (Files.Length > 0)
        {
            text.Append('\n');
            Table(text, ["FILE", "MODE", "SIZE", "FROM"], Files.Select(f => new[]
            {
                f.ContainerPath, f.ModeOctal, f.Size?.ToString(CultureInfo.InvariantCulture) ?? "?", f.Source.ToString(),
            }));
        }
        foreach (var e in Events) text.Append(CultureInfo.InvariantCulture, $"\nEvent {e}");
        foreach (var n in Notes) text.Append(CultureInfo.InvariantCulture, $"\nNote: {n}");
        return text.ToString().TrimEnd('\n');
    }

    private static void Table(StringBuilder text, string[] headers, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { headers };
        all.AddRange(rows.Select(r => r.Select(c => c.ReplaceLineEndings("\\n")).ToArray()));
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            text.Append(string.Join("   ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i])))).Append('\n');
    }

    public override string ToString() => $"{Namespace}/{Pod} {Container}";
}
