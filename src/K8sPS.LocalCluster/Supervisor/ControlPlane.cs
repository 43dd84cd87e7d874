using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// The command lines of etcd, kube-apiserver, kube-controller-manager and kube-scheduler 1.20 for one
/// cluster: everything on 127.0.0.1, TLS everywhere, client certificates from <see cref="Pki"/>.
/// </summary>
internal static class ControlPlane
{
    public const string ServiceClusterIpRange = "10.96.0.0/12";
    public const string ClusterCidr = "10.244.0.0/16";

    // The controller-manager and scheduler default to 20-50 requests/s, which would make a
    // 1,000-pod Deployment take most of a minute just to create; a local cluster has no one to protect.
    private const string ClientQps = "500";
    private const string ClientBurst = "1000";

    /// <summary>How long the node lifecycle controller waits for a heartbeat before it marks the node Unknown.</summary>
    public const string NodeMonitorGracePeriod = "20s";

    /// <summary>Pods tolerate a not-ready or unreachable node this long before the taint manager evicts them.</summary>
    public const int PodTolerationSeconds = 15;

    public static string Url(int port) => $"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    public static IReadOnlyList<string> EtcdArguments(Pki pki, ClusterPorts ports, string dataDir)
    {
        var client = Url(ports.EtcdClient);
        // Peers talk plain HTTP on loopback: a single member has no peer to talk to, the port only has to be ours.
        var peer = $"http://127.0.0.1:{ports.EtcdPeer.ToString(CultureInfo.InvariantCulture)}";
        return
        [
            "--name=default",
            $"--data-dir={dataDir}",
            $"--listen-client-urls={client}",
            $"--advertise-client-urls={client}",
            $"--listen-peer-urls={peer}",
            $"--initial-advertise-peer-urls={peer}",
            $"--initial-cluster=default={peer}",
            $"--cert-file={pki.CertPath(pki.Etcd)}",
            $"--key-file={pki.KeyPath(pki.Etcd)}",
            "--client-cert-auth=true",
            $"--trusted-ca-file={pki.CertPath(pki.Ca)}",
            // A single member elects itself after one election timeout: 1 s by default, a fifth of a cold start.
            "--heartbeat-interval=50",
            "--election-timeout=250",
            "--logger=zap",
            "--log-outputs=stderr",
        ];
    }

    public static IReadOnlyList<string> ApiServerArguments(Pki pki, ClusterPorts ports) =>
    [
        "--bind-address=127.0.0.1",
        $"--secure-port={ports.ApiServer}",
        // 1.20 still serves unauthenticated HTTP on 8080 unless told not to.
        "--insecure-port=0",
        $"--tls-cert-file={pki.CertPath(pki.ApiServer)}",
        $"--tls-private-key-file={pki.KeyPath(pki.ApiServer)}",
        $"--client-ca-file={pki.CertPath(pki.Ca)}",
        "--authorization-mode=Node,RBAC",
        "--anonymous-auth=false",
        $"--etcd-servers={Url(ports.EtcdClient)}",
        $"--etcd-cafile={pki.CertPath(pki.Ca)}",
        $"--etcd-certfile={pki.CertPath(pki.EtcdClient)}",
        $"--etcd-keyfile={pki.KeyPath(pki.EtcdClient)}",
        // 1.20 requires all three for the TokenRequest API.
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        $"--service-account-key-file={pki.ServiceAccountKeyPath}",
        $"--service-account-signing-key-file={pki.ServiceAccountKeyPath}",
        $"--service-cluster-ip-range={ServiceClusterIpRange}",
        // Secrets encrypted at rest with the cluster's own key (EncryptionConfig).
        $"--encryption-provider-config={EncryptionConfig.PathIn(pki.Dir)}",
        // The simulated kubelets' endpoints (logs, exec, proxy): dialled at each node's InternalIP (loopback,
        // never a Hostname looked up in DNS), with a client certificate they check, verified against our CA.
        $"--kubelet-client-certificate={pki.CertPath(pki.KubeletClient)}",
        $"--kubelet-client-key={pki.KeyPath(pki.KubeletClient)}",
        $"--kubelet-certificate-authority={pki.CertPath(pki.Ca)}",
        "--kubelet-preferred-address-types=InternalIP",
        // Pods leave a node that stopped heartbeating after seconds, not the default 5 minutes.
        $"--default-not-ready-toleration-seconds={PodTolerationSeconds}",
        $"--default-unreachable-toleration-seconds={PodTolerationSeconds}",
        "--allow-privileged=true",
        // Front-proxy (requestheader) authentication towards aggregated API servers: the metrics server.
        .. Metrics.MetricsFlags.ApiServer(pki),
        "--profiling=false",
        "--v=1",
    ];

    public static IReadOnlyList<string> ControllerManagerArguments(Pki pki, ClusterPorts ports, string kubeconfig) =>
    [
        $"--kubeconfig={kubeconfig}",
        "--bind-address=127.0.0.1",
        $"--secure-port={ports.ControllerManager}",
        "--port=0",
        $"--tls-cert-file={pki.CertPath(pki.ControllerManagerServing)}",
        $"--tls-private-key-file={pki.KeyPath(pki.ControllerManagerServing)}",
        "--authorization-always-allow-paths=/healthz",
        "--leader-elect=false",
        "--use-service-account-credentials=true",
        $"--service-account-private-key-file={pki.ServiceAccountKeyPath}",
        $"--root-ca-file={pki.CertPath(pki.Ca)}",
        $"--cluster-signing-cert-file={pki.CertPath(pki.Ca)}",
        $"--cluster-signing-key-file={pki.KeyPath(pki.Ca)}",
        $"--service-cluster-ip-range={ServiceClusterIpRange}",
        // A node whose simulated kubelet stops heartbeating (sim.k8sps.io/heartbeat=stopped) goes NotReady
        // (Unknown) in seconds: five of its 4 s lease renewals (a kubelet has four of 10 s in 40 s; one more for a busy machine).
        $"--node-monitor-grace-period={NodeMonitorGracePeriod}",
        "--node-monitor-period=2s",
        $"--kube-api-qps={ClientQps}",
        $"--kube-api-burst={ClientBurst}",
        // The HPA controller on the simulated metrics: short sync and stabilization, simulated pods count at once.
        .. Metrics.MetricsFlags.ControllerManager,
        "--profiling=false",
        "--v=1",
    ];

    public static IReadOnlyList<string> SchedulerArguments(Pki pki, ClusterPorts ports, string kubeconfig) =>
    [
        $"--kubeconfig={kubeconfig}",
        "--bind-address=127.0.0.1",
        $"--secure-port={ports.Scheduler}",
        "--port=0",
        $"--tls-cert-file={pki.CertPath(pki.SchedulerServing)}",
        $"--tls-private-key-file={pki.KeyPath(pki.SchedulerServing)}",
        "--authorization-always-allow-paths=/healthz",
        "--leader-elect=false",
        $"--kube-api-qps={ClientQps}",
        $"--kube-api-burst={ClientBurst}",
        "--profiling=false",
        "--v=1",
    ];

    /// <summary>A kubeconfig of one user for one component, written next to its other files.</summary>
    public static string ComponentKubeconfig(string server, CertificatePair ca, CertificatePair user, string name) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {name}
          cluster:
            server: {server}
            certificate-authority-data: {Convert.ToBase64String(ca.CertBytes)}
        users:
        - name: {user.Name}
          user:
            client-certificate-data: {Convert.ToBase64String(user.CertBytes)}
            client-key-data: {Convert.ToBase64String(user.KeyBytes)}
        contexts:
        - name: {name}
          context:
            cluster: {name}
            user: {user.Name}
        current-context: {name}

        """;

    /// <summary>An HTTPS client that trusts only the cluster's CA and, if given, presents a client certificate.</summary>
    public static HttpClient HealthClient(X509Certificate2 ca, X509Certificate2? clientCert)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                    errors == SslPolicyErrors.None ||
                    (cert is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0 &&
                     Pki.Verify(cert as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()), ca)),
            },
        };
        if (clientCert is not null)
            handler.SslOptions.ClientCertificates = [clientCert];
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }
}
