using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Networking;
using K8sPS.Infrastructure;

namespace K8sPS.Services;

/// <summary>Get-K8sServiceUrl: minikube service NAME --url — http://node-address:nodePort per port.</summary>
[Cmdlet(VerbsCommon.Get, "K8sServiceUrl")]
[OutputType(typeof(string))]
public sealed class GetK8sServiceUrlCommand : K8sCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>https:// instead of http:// (minikube --https).</summary>
    [Parameter]
    public SwitchParameter Https { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var ns = ResolveNamespace(Namespace);
        foreach (var name in Name)
        {
            await ForItemAsync(name, async () =>
            {
                var (urls, simulatedBy) = await ServiceUrls.GetAsync(Connection, ns, name, Https ? "https" : "http", CancellationToken).ConfigureAwait(false);
                // minikube's node runs the pods; a K8sPS local cluster's nodes are simulated, and nothing listens there.
                if (simulatedBy is not null)
                    WriteWarningAsync($"The nodes of local cluster '{simulatedBy}' are simulated: no container runs, so nothing answers at {string.Join(", ", urls)}. The URL is what a real node would serve.");
                WriteObjectsAsync(urls);
            }, "Service", name, ns).ConfigureAwait(false);
        }
    }
}
