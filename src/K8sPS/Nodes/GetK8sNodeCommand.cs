using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Nodes;

/// <summary>Get-K8sNode: kubectl get nodes (-Wide: kubectl get nodes -o wide).</summary>
[Cmdlet(VerbsCommon.Get, "K8sNode")]
[OutputType(typeof(V1Node))]
public sealed class GetK8sNodeCommand : GetK8sClusterObjectCmdlet
{
    /// <summary>The view of kubectl get nodes -o wide: addresses, OS image, kernel and container runtime.</summary>
    [Parameter]
    public SwitchParameter Wide { get; set; }

    protected override string Kind => "Node";

    protected override async Task<object> GetAsync(string name, CancellationToken ct)
        => await NodeOperations.GetAsync(Connection, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? labelSelector, string? fieldSelector, CancellationToken ct)
        => NodeOperations.ListAsync(Connection, labelSelector, fieldSelector, ct);

    // As -AllNamespaces does for namespaced kinds: an extra type name selects the wide view; the object stays the same.
    protected override object Output(object item)
    {
        if (!Wide) return item;
        var wrapped = PSObject.AsPSObject(item);
        wrapped.TypeNames.Insert(0, item.GetType().FullName + "#Wide");
        return wrapped;
    }
}
