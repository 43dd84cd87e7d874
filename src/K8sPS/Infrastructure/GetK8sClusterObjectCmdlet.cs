using System.Management.Automation;
using k8s;
using k8s.Models;
using K8sPS.Completion;

namespace K8sPS.Infrastructure;

/// <summary>
/// What every Get-K8s&lt;Kind&gt; of a cluster-scoped kind (nodes, persistent volumes, storage classes) does: by name
/// (wildcards allowed) or label and field selector, streaming objects as pages arrive. No namespace parameters:
/// these objects have none.
/// </summary>
/// <remarks>Not generic, for the reason <see cref="GetK8sObjectCmdlet"/> gives.</remarks>
public abstract class GetK8sClusterObjectCmdlet : K8sCmdlet
{
    /// <summary>Names to get; wildcards select among the listed objects. None: all.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Label selector, as kubectl -l: disktype=ssd, kubernetes.io/os in (linux).</summary>
    [Parameter]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>Field selector, as kubectl --field-selector: spec.unschedulable=true.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FieldSelector { get; set; }

    /// <summary>Singular kind name, for messages: Node, PersistentVolume...</summary>
    protected abstract string Kind { get; }

    protected abstract Task<object> GetAsync(string name, CancellationToken ct);

    protected abstract IAsyncEnumerable<object> ListAsync(string? labelSelector, string? fieldSelector, CancellationToken ct);

    /// <summary>What each object is written as (a view's extra type name, say); the object itself by default.</summary>
    protected virtual object Output(object item) => item;

    protected override async Task ProcessRecordAsync()
    {
        if (Name is null || Name.Length == 0)
        {
            await ForItemAsync(Kind, () => ListInto(FieldSelector, _ => true), Kind).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(name, () => GetByNameAsync(name), Kind, name).ConfigureAwait(false);
        }
    }

    private async Task GetByNameAsync(string name)
    {
        if (WildcardPattern.ContainsWildcardCharacters(name))
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            await ListInto(FieldSelector, o => pattern.IsMatch((o as IKubernetesObject<V1ObjectMeta>)?.Metadata?.Name)).ConfigureAwait(false);
        }
        else if (Selector is not null || FieldSelector is not null)
        {
            var field = $"metadata.name={name}" + (FieldSelector is null ? "" : "," + FieldSelector);
            await ListInto(field, _ => true).ConfigureAwait(false);
        }
        else
        {
            WriteObjectAsync(Output(await GetAsync(name, CancellationToken).ConfigureAwait(false)));
        }
    }

    private async Task ListInto(string? fieldSelector, Func<object, bool> keep)
    {
        await foreach (var item in ListAsync(Selector, fieldSelector, CancellationToken).ConfigureAwait(false))
            if (keep(item)) WriteObjectAsync(Output(item));
    }
}
