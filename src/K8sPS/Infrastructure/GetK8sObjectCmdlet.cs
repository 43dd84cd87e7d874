using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Errors;
using k8s;
using k8s.Models;

namespace K8sPS.Infrastructure;

/// <summary>
/// What every Get-K8s&lt;Kind&gt; of a namespaced kind does: by name (wildcards allowed), by label
/// selector, in one namespace or all, streaming objects as pages arrive.
/// </summary>
/// <remarks>
/// Not generic on purpose: PowerShell lists the module's exported types before the dependency resolver
/// is hooked, so no exported type may name a KubernetesClient or Engine type in its base type or
/// generic arguments; those types appear only inside method bodies and attributes.
/// </remarks>
public abstract class GetK8sObjectCmdlet : K8sCmdlet
{
    protected const string NamespaceSet = "Namespace";
    protected const string AllNamespacesSet = "AllNamespaces";

    /// <summary>Names to get; wildcards select among the listed objects. None: all.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = NamespaceSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllNamespacesSet)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Label selector, as kubectl -l: app=web,tier!=db, env in (a,b).</summary>
    [Parameter]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>Field selector, as kubectl --field-selector: status.phase=Running.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FieldSelector { get; set; }

    /// <summary>After the objects, every change to them as it happens, with its type (kubectl get -w --output-watch-events); Ctrl+C ends it.</summary>
    [Parameter]
    [Alias("w")]
    public SwitchParameter Watch { get; set; }

    /// <summary>Singular kind name, for messages: Pod, Deployment...</summary>
    protected abstract string Kind { get; }

    /// <summary>Reads one object (through <see cref="K8sCmdlet.Connection"/>).</summary>
    protected abstract Task<object> GetAsync(string ns, string name, CancellationToken ct);

    /// <summary>Lists objects of <paramref name="ns"/>, or of all namespaces when null.</summary>
    protected abstract IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct);

    protected override async Task ProcessRecordAsync()
    {
        var ns = AllNamespaces ? null : ResolveNamespace(Namespace);
        if (Watch)
        {
            var names = Name;
            await ForItemAsync(ns ?? "all namespaces", async () =>
            {
                var resource = await new Engine.Api.ResourceClient(Connection.Rest).ResolveAsync(Kind, CancellationToken).ConfigureAwait(false);
                var (field, keep) = ResourceWatch.ForNames(names, FieldSelector);
                await ResourceWatch.RunAsync(Connection, resource, ns, Selector, field, keep, WriteObjectAsync, CancellationToken).ConfigureAwait(false);
            }, Kind, ns: ns).ConfigureAwait(false);
            return;
        }
        if (Name is null || Name.Length == 0)
        {
            // Not terminating, as Get-ChildItem on a bad path: the rest of a script decides.
            await ForItemAsync(ns ?? "all namespaces", () => ListInto(ns, FieldSelector, _ => true), Kind, ns: ns).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(name, () => GetByNameAsync(name, ns), Kind, name, ns).ConfigureAwait(false);
        }
    }

    private async Task GetByNameAsync(string name, string? ns)
    {
        if (WildcardPattern.ContainsWildcardCharacters(name))
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            await ListInto(ns, FieldSelector, o => pattern.IsMatch((o as IKubernetesObject<V1ObjectMeta>)?.Metadata?.Name)).ConfigureAwait(false);
        }
        else if (ns is null || Selector is not null || FieldSelector is not null)
        {
            // Across namespaces, or narrowed by selectors: a list filtered by name on the server.
            var field = $"metadata.name={name}" + (FieldSelector is null ? "" : "," + FieldSelector);
            var found = await ListInto(ns, field, _ => true).ConfigureAwait(false);
            if (found == 0 && Selector is null && FieldSelector is null) WriteNotFound(name, ns);
        }
        else
        {
            WriteObjectAsync(await GetAsync(ns, name, CancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<int> ListInto(string? ns, string? fieldSelector, Func<object, bool> keep)
    {
        var count = 0;
        var listed = 0;
        await foreach (var item in ListAsync(ns, Selector, fieldSelector, CancellationToken).ConfigureAwait(false))
        {
            if (keep(item))
            {
                count++;
                WriteObjectAsync(AllNamespaces ? WithNamespaceView(item) : item);
            }
            // At a page's end, the page is written before the next is asked for (a stopped pipeline asks for none).
            if (++listed % Engine.Resources.ListPages.Size == 0) await WaitForWritesAsync().ConfigureAwait(false);
        }
        return count;
    }

    /// <summary>
    /// Across namespaces kubectl adds a NAMESPACE column; an extra type name selects the view that has it
    /// (the object and its type stay the same).
    /// </summary>
    private static PSObject WithNamespaceView(object item)
    {
        var wrapped = PSObject.AsPSObject(item);
        wrapped.TypeNames.Insert(0, item.GetType().FullName + "#AllNamespaces");
        return wrapped;
    }

    private void WriteNotFound(string name, string? ns)
        => WriteK8sError(new Engine.Errors.K8sException(new Engine.Errors.K8sError("NotFound", Engine.Errors.K8sErrorCategory.NotFound,
            $"{Kind.ToLowerInvariant()}s \"{name}\" not found{(ns is null ? " in any namespace" : "")}")
        { Kind = Kind, Name = name, Namespace = ns }), name);
}
