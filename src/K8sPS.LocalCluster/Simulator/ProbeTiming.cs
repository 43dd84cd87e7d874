using System.Globalization;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// When a probe of one container run is tried, in real time (the spec's seconds times
/// <see cref="NodeSimulatorOptions.TimeScale"/>): try n at start + initialDelay + n × period, as the
/// kubelet's prober worker does, with the probe's thresholds and the message a failure reports. Pure.
/// </summary>
public sealed record ProbeTiming(TimeSpan InitialDelay, TimeSpan Period, int FailureThreshold, int SuccessThreshold, string FailureMessage)
{
    public static ProbeTiming? For(V1Probe? probe, V1Container container, string? podIp, double scale)
    {
        if (probe is null) return null;
        var period = Math.Max(1, probe.PeriodSeconds ?? 10);
        return new ProbeTiming(
            TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0) * scale),
            TimeSpan.FromSeconds(period * scale),
            Math.Max(1, probe.FailureThreshold ?? 3),
            Math.Max(1, probe.SuccessThreshold ?? 1),
            FailureText(probe, container, podIp));
    }

    /// <summary>The moment of try <paramref name="n"/> of a run that started at <paramref name="start"/>.</summary>
    public DateTime Try(DateTime start, long n) => start + InitialDelay + TimeSpan.FromTicks(Period.Ticks * n);

    /// <summary>The first try at or after <paramref name="moment"/> of a run that started at <paramref name="start"/>.</summary>
    public long FirstTryAtOrAfter(DateTime start, DateTime moment)
    {
        var offset = moment - start - InitialDelay;
        if (offset <= TimeSpan.Zero || Period <= TimeSpan.Zero) return 0;
        return (long)Math.Ceiling(offset.Ticks / (double)Period.Ticks);
    }

    /// <summary>What the kubelet's prober reports for a failing probe of this kind (message of the Unhealthy event).</summary>
    private static string FailureText(V1Probe probe, V1Container container, string? podIp)
    {
        if (probe.HttpGet is not null) return "HTTP probe failed with statuscode: 500";
        if (probe.TcpSocket is { } tcp)
            return $"dial tcp {probe.TcpSocket.Host ?? podIp ?? "127.0.0.1"}:{Port(tcp.Port, container)}: connect: connection refused";
        if (probe.Exec?.Command is { Count: > 0 } command)
            return $"simulated failure of the probe command [{string.Join(' ', command)}]";
        return "simulated probe failure";
    }

    private static string Port(IntOrString? port, V1Container container)
    {
        var value = port?.Value ?? "";
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return value;
        var named = container.Ports?.FirstOrDefault(p => p.Name == value);
        return named is null ? value : named.ContainerPort.ToString(CultureInfo.InvariantCulture);
    }
}
