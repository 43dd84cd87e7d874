using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// The control-plane flags the metrics API and the HPA need, kept here so ControlPlane.cs only splices them in.
/// </summary>
internal static class MetricsFlags
{
    /// <summary>How often the HPA controller reconciles (1.20's default is 15 s).</summary>
    public const string HpaSyncPeriod = "5s";

    /// <summary>How far back a scale-down looks for a higher recommendation (default 5 min): short, so a test sees it.</summary>
    public const string HpaDownscaleStabilization = "15s";

    /// <summary>
    /// kube-apiserver: authenticate as the front proxy towards aggregated API servers (the client certificate
    /// and the X-Remote-* headers they trust), and accept such requests itself as kubeadm clusters do.
    /// </summary>
    public static IReadOnlyList<string> ApiServer(Pki pki) =>
    [
        $"--requestheader-client-ca-file={pki.CertPath(pki.FrontProxyCa)}",
        $"--requestheader-allowed-names={Pki.FrontProxyClientName}",
        $"--requestheader-username-headers={FrontProxyAuthenticator.UserHeader}",
        $"--requestheader-group-headers={FrontProxyAuthenticator.GroupHeader}",
        $"--requestheader-extra-headers-prefix={FrontProxyAuthenticator.ExtraHeaderPrefix}",
        $"--proxy-client-cert-file={pki.CertPath(pki.FrontProxyClient)}",
        $"--proxy-client-key-file={pki.KeyPath(pki.FrontProxyClient)}",
    ];

    /// <summary>
    /// kube-controller-manager: the HPA reads metrics.k8s.io through the apiserver (the REST clients are 1.20's
    /// only mode, so no flag). A simulated pod is Running and Ready within a second of being bound, and its
    /// usage is known at once: a 1 s CPU initialization period (default 5 min) and a 5 s initial readiness
    /// delay (default 30 s) let its samples count from the next sync, as a long-running pod's would.
    /// </summary>
    public static IReadOnlyList<string> ControllerManager { get; } =
    [
        $"--horizontal-pod-autoscaler-sync-period={HpaSyncPeriod}",
        $"--horizontal-pod-autoscaler-downscale-stabilization={HpaDownscaleStabilization}",
        "--horizontal-pod-autoscaler-cpu-initialization-period=0s",
        "--horizontal-pod-autoscaler-initial-readiness-delay=5s",
    ];
}
