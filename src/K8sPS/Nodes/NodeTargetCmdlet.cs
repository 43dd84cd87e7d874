using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Rollouts;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Nodes;

/// <summary>
/// What every cmdlet that changes nodes shares (labels, taints, cordon, drain): nodes by name (also bound from piped
/// Get-K8sNode output) or by -Selector, as kubectl takes names or -l; each node read, then changed on its own, so one
/// node's failure (not found, refused) is that node's error and the others go on.
/// </summary>
public abstract class NodeTargetCmdlet : K8sCmdlet
{
    /// <summary>Node names; piped Get-K8sNode output binds here.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Every node matching this label selector, as kubectl -l.</summary>
    [Parameter]
    [Alias("l")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>
    /// True for a command that must finish one node before the next (drain, as kubectl's); the others change nodes at
    /// once, -ThrottleLimit of them (<see cref="ConcurrentNodeCmdlet"/>).
    /// </summary>
    protected virtual bool OneAtATime => false;

    protected override async Task ProcessRecordAsync()
    {
        var hasNames = Name is { Length: > 0 };
        if (hasNames == (Selector is not null))
            throw new K8sException(new K8sError("NodesRequired", K8sErrorCategory.InvalidArgument, hasNames
                ? "name cannot be provided when a selector is specified: give -Name or -Selector, not both."
                : "no node given: give -Name (or pipe Get-K8sNode output) or -Selector."));
        if (hasNames)
        {
            foreach (var name in Name!)
            {
                CancellationToken.ThrowIfCancellationRequested();
                // Read, change, write; a 409 (changed meanwhile) reads the node again and retries.
                Func<Task> work = () => Engine.Connection.ConflictRetry.RunAsync(async _ =>
                    await EditAsync(await NodeOperations.GetAsync(Connection, name, CancellationToken).ConfigureAwait(false)).ConfigureAwait(false), CancellationToken);
                if (OneAtATime) await ForItemAsync(name, work, "Node", name).ConfigureAwait(false);
                else await StartItemAsync(name, work, "Node", name).ConfigureAwait(false);
            }
            return;
        }
        var nodes = new List<V1Node>();
        await ForItemAsync(Selector, async () =>
        {
            await foreach (var node in NodeOperations.ListAsync(Connection, Selector, ct: CancellationToken).ConfigureAwait(false)) nodes.Add(node);
        }, "Node").ConfigureAwait(false);
        if (nodes.Count == 0) WriteWarningAsync($"No node matches the selector '{Selector}'.");
        foreach (var node in nodes)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var listed = node;
            Func<Task> work = () => Engine.Connection.ConflictRetry.RunAsync(async attempt =>
                await EditAsync(attempt == 0 ? listed : await NodeOperations.GetAsync(Connection, listed.Metadata.Name, CancellationToken).ConfigureAwait(false)).ConfigureAwait(false), CancellationToken);
            if (OneAtATime) await ForItemAsync(node.Metadata.Name, work, "Node", node.Metadata.Name).ConfigureAwait(false);
            else await StartItemAsync(node.Metadata.Name, work, "Node", node.Metadata.Name).ConfigureAwait(false);
        }
    }

    /// <summary>Changes one node (a V1Node, typed object so no exported signature names a client type).</summary>
    protected abstract Task EditAsync(object node);

    /// <summary>The node as the server has it after a patch, or the patch skipped when it changes nothing.</summary>
    protected async Task<object> PatchAsync(string name, Engine.Rollouts.PatchRequest patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return await NodeOperations.PatchAsync(Connection, name, patch.ToV1Patch(), CancellationToken).ConfigureAwait(false);
    }
}
