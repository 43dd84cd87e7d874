using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;
using k8s.Models;

namespace K8sPS.Services;

/// <summary>
/// New-K8sService (alias Expose-K8sService): kubectl expose deployment. The selector, labels and
/// ports come from the deployment as it is on the server.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[Alias("Expose-K8sService")]
[OutputType(typeof(V1Service))]
public sealed class NewK8sServiceCommand : K8sCmdlet
{
    /// <summary>The deployment to expose: a name, a K8sPS deployment, or a kubectl JSON object.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    [Alias("InputObject")]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public K8sObjectReference[] Deployment { get; set; } = [];

    /// <summary>The service name; default: the deployment's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string? Name { get; set; }

    /// <summary>The service port; default: the deployment's container ports.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    /// <summary>The container port, by number or name; default: the same as -Port.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TargetPort { get; set; }

    [Parameter]
    [ValidateSet("TCP", "UDP", "SCTP")]
    public string? Protocol { get; set; }

    [Parameter]
    [ValidateSet("ClusterIP", "NodePort", "LoadBalancer")]
    public string? Type { get; set; }

    /// <summary>Namespace of the deployment and the service; default: the deployment's own, else the context's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Requests in flight at once for piped input.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        var connection = Connection;
        foreach (var deployment in Deployment)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var ns = ResolveNamespace(Namespace ?? deployment.Namespace);
            var serviceName = Name ?? deployment.Name;
            await StartItemAsync(deployment.Source ?? deployment.Name, async () =>
            {
                if (deployment.Kind is { } kind && kind != "Deployment")
                    throw new K8sException(new K8sError("WrongKind", K8sErrorCategory.InvalidArgument,
                        $"{kind} \"{deployment.Name}\" cannot be exposed: New-K8sService exposes deployments.") { Kind = kind, Name = deployment.Name, Namespace = ns });
                var request = new ServiceRequest(Name, Port, TargetPort, Protocol, Type);
                if (!await ShouldProcessAsync($"service \"{serviceName}\" in namespace \"{ns}\" for deployment \"{deployment.Name}\"", "Create").ConfigureAwait(false))
                    return;
                WriteObjectAsync(await ServiceOperations.ExposeAsync(connection, ns, deployment.Name, request, ct: CancellationToken).ConfigureAwait(false));
            }, "Deployment", deployment.Name, ns).ConfigureAwait(false);
        }
    }
}
