using System.Management.Automation;
using K8sPS.Engine.LocalCluster;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.LocalCluster;

/// <summary>Lists local clusters: state, API URL, nodes, kubeconfig context, uptime and per-component health.</summary>
[Cmdlet(VerbsCommon.Get, "K8sLocalCluster")]
[OutputType(typeof(LocalClusterInfo))]
public sealed class GetK8sLocalClusterCommand : AsyncCmdlet
{
    /// <summary>Names or wildcard patterns; none lists every cluster.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocalClusterNameCompleter))]
    public string[]? Name { get; set; }

    protected override Task ProcessRecordAsync()
    {
        try
        {
            Emit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            WriteK8sError(LocalClusterErrors.Create(LocalClusterErrors.StateUnreadableId, LocalClusterPaths.ClustersRoot(),
                $"The local clusters' state in {LocalClusterPaths.ClustersRoot()} cannot be read: {e.Message}", e), LocalClusterPaths.ClustersRoot());
        }
        return Task.CompletedTask;
    }

    private void Emit()
    {
        if (Name is null || Name.Length == 0)
        {
            WriteObjectsAsync(LocalClusterManager.List());
            return;
        }
        foreach (var name in Name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                WriteObjectsAsync(LocalClusterManager.List().Where(c => pattern.IsMatch(c.Name)));
                continue;
            }
            var info = LocalClusterManager.Get(name);
            if (info is null)
            {
                WriteK8sError(LocalClusterErrors.Create(LocalClusterErrors.NotFoundId, name,
                    $"Local cluster '{name}' does not exist (no state in {LocalClusterPaths.ClusterDir(name)})."), name);
                continue;
            }
            WriteObjectAsync(info);
        }
    }
}
