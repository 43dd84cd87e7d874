using System.Reflection;
using System.Runtime.InteropServices;

namespace K8sPS.Engine.Connection;

/// <summary>
/// The knobs every connection shares, in one place: HTTP version, timeouts, user agent and the retry
/// budget. Read when a connection is built; <see cref="ConnectionFactory.Reset"/> applies a change.
/// </summary>
public static class ConnectionSettings
{
    /// <summary>
    /// HTTP/2 instead of HTTP/1.1. Off: measured here, KubernetesClient over HTTP/2 stalled from 16 requests
    /// in flight while HTTP/1.1 connections held about 1,000 requests/s (see ARCHITECTURE.md).
    /// K8SPS_HTTP2=1 turns it on, for measuring (read each time a connection is looked up, so a bench can switch).
    /// </summary>
    public static bool Http2 => Environment.GetEnvironmentVariable("K8SPS_HTTP2") == "1";

    /// <summary>A server that never answers the TCP handshake fails after this, as kubectl's dialer does (30 s).</summary>
    public static TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request (not a watch, a log stream or an exec) gives up after this.</summary>
    public static TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a request may keep retrying passing failures (see <see cref="RetryPolicy"/>): 30 s, which rides over a
    /// restart of the local cluster's apiserver. K8SPS_RETRY_BUDGET (seconds) changes it, for a runbook that must fail
    /// fast or wait out a longer outage (read each time a connection is looked up, as K8SPS_HTTP2).
    /// </summary>
    public static TimeSpan RetryBudget =>
        double.TryParse(Environment.GetEnvironmentVariable("K8SPS_RETRY_BUDGET"), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 86400
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(30);

    /// <summary>"K8sPS/0.1.0 (linux/amd64)", in the shape of kubectl's user agent.</summary>
    public static string UserAgent { get; } =
        $"K8sPS/{typeof(ConnectionSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0"} " +
        $"({(OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux")}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant().Replace("x64", "amd64", StringComparison.Ordinal)})";
}
