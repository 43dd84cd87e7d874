using System.Management.Automation;
using k8s;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Networking;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Services;

/// <summary>
/// Resolve-K8sService: what a name (or address, host:port, URL) gives when a pod in a namespace uses it, as the
/// pod's resolver and the cluster DNS would answer: the service, its cluster IP and ports, and the ready endpoints
/// behind it; or why it does not resolve. Nothing is looked up on the network: the answer is computed from the
/// cluster's services, endpoints and pods.
/// </summary>
[Cmdlet(VerbsDiagnostic.Resolve, "K8sService")]
[OutputType(typeof(ServiceResolution))]
public sealed class ResolveK8sServiceCommand : K8sCmdlet
{
    private ClusterDnsData? _data;
    private DnsSettings? _settings;

    /// <summary>Names as a pod would write them: auth-service, auth-service.default, my-app-0.my-service, an IP, host:port or a URL.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The namespace of the pod that asks; default the context's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>A pod whose DNS settings apply (its namespace, dnsPolicy, dnsConfig, hostNetwork).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string? Pod { get; set; }

    /// <summary>The cluster's DNS domain (the kubelet's --cluster-domain); default cluster.local.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ClusterDomain { get; set; } = DnsSettings.DefaultClusterDomain;

    protected override async Task ProcessRecordAsync()
    {
        var ns = ResolveNamespace(Namespace);
        if (!await ForItemAsync(Pod ?? ns, () => LoadAsync(ns), Pod is null ? "Namespace" : "Pod", Pod ?? ns, ns).ConfigureAwait(false))
            return;
        foreach (var name in Name)
        {
            var r = ServiceAddress.Resolve(name, _settings!, _data!);
            if (!r.Resolved)
            {
                WriteK8sError(new K8sException(new K8sError("NameNotResolved", K8sErrorCategory.NotFound,
                    $"{name} does not resolve from {(Pod is null ? "a pod" : "pod " + Pod)} in namespace {_settings!.Namespace}: {r.Explanation}")
                {
                    Kind = "Service",
                    Name = name,
                    Namespace = _settings.Namespace,
                    RecommendedAction = "Use the service's name (service, or service.namespace from another namespace); Get-K8sService lists them.",
                }), r);
                continue;
            }
            if (r.RequestedPort is { } port && r.Kind is DnsAnswerKind.ClusterIP && !r.Ports.Any(p => p.Port == port))
                WriteWarningAsync($"{name}: {r.Explanation}");
            else if (r.Kind is DnsAnswerKind.ClusterIP && r.ReadyEndpoints.Count == 0)
                WriteWarningAsync($"{name}: service {r.ServiceNamespace}/{r.ServiceName} has no ready endpoints: connections to {string.Join(", ", r.Addresses)} fail until a pod behind it is ready");
            WriteObjectAsync(r);
        }
    }

    private async Task LoadAsync(string ns)
    {
        if (_data is not null) return;
        var client = Connection.Client;
        if (Pod is not null)
        {
            var pod = await client.CoreV1.ReadNamespacedPodAsync(Pod, ns, cancellationToken: CancellationToken).ConfigureAwait(false);
            _settings = DnsSettings.ForPod(pod, ClusterDomain);
        }
        else
        {
            _settings = DnsSettings.ForNamespace(ns, ClusterDomain);
        }
        _data = await ClusterDnsReader.ReadAsync(client, ns, CancellationToken).ConfigureAwait(false);
    }
}
