using System.Management.Automation;
using K8sPS.Engine.Kubelet;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Workloads;

/// <summary>
/// Get-K8sPodEnvironment: the environment and the projected files each container of a pod gets, computed as the
/// kubelet computes them (service links of the services that existed when it started, envFrom, env with its
/// references resolved and $(VAR) expanded; secret, configMap, projected and downwardAPI volumes with items and
/// modes), and why a container would not start. Secret values are masked unless -AsPlainText.
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sPodEnvironment")]
[OutputType(typeof(PodContainerEnvironment))]
public sealed class GetK8sPodEnvironmentCommand : K8sCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Pod")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Only this container (or init container); default all, init containers first.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string? Container { get; set; }

    /// <summary>Show secret values as they are, in the objects and in the view.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var ns = ResolveNamespace(Namespace);
        foreach (var name in Name)
        {
            await ForItemAsync(name, async () =>
            {
                var (_, containers) = await PodSetupReader.ReadAsync(Connection.Client, ns, name, Container, CancellationToken).ConfigureAwait(false);
                foreach (var container in containers)
                {
                    if (container.Failure is { } failure)
                        WriteWarningAsync($"pod {ns}/{name} container {container.ContainerName} would not start: {failure}");
                    WriteObjectAsync(new PodContainerEnvironment(container, AsPlainText));
                }
            }, "Pod", name, ns).ConfigureAwait(false);
        }
    }
}
