using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;
using K8sPS.Objects;
using System.Text.Json.Nodes;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Gets objects of any kind the server serves, named as kubectl names them (deploy, svc, po, cm, pvc...), or what a manifest file describes.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sResource", DefaultParameterSetName = KindSet)]
[OutputType(typeof(PSObject))]
public sealed class GetK8sResourceCommand : ManifestCmdlet
{
    private const string KindSet = "Kind";
    private const string ObjectSet = "InputObject";

    /// <summary>Kind, plural, singular or short name: Deployment, deployments, deploy, deployments.apps.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KindCompleter))]
    public string Kind { get; set; } = "";

    /// <summary>Names; wildcards select among the listed objects. None: all.</summary>
    [Parameter(Position = 1, ParameterSetName = KindSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Objects to read again from the server: K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    [Parameter(ParameterSetName = KindSet)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Label selector, as kubectl -l: app=web,tier!=db.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    [Parameter(ParameterSetName = KindSet)]
    [ValidateNotNullOrEmpty]
    public string? FieldSelector { get; set; }

    /// <summary>After the objects, every change to them as it happens, with its type (kubectl get -w --output-watch-events); Ctrl+C ends it.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("w")]
    public SwitchParameter Watch { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var client = new ResourceClient(Rest);
        if (ReadsFiles)
        {
            await GetFromFilesAsync(client).ConfigureAwait(false);
            return;
        }
        if (ParameterSetName == ObjectSet)
        {
            await GetFromObjectsAsync(client).ConfigureAwait(false);
            return;
        }
        ApiResource? resource = null;
        if (!await ForItemAsync(Kind, async () => resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
            return;

        var ns = !resource!.Namespaced || AllNamespaces ? null : ResolveNamespace(Namespace);
        if (Watch)
        {
            var (field, keep) = ResourceWatch.ForNames(Name, FieldSelector);
            await ForItemAsync(Kind, () => ResourceWatch.RunAsync(Connection, resource, ns, Selector, field, keep, WriteObjectAsync, CancellationToken), resource.Kind, null, ns).ConfigureAwait(false);
            return;
        }
        if (Name is null || Name.Length == 0)
        {
            await ForItemAsync(Kind, () => ListAsync(client, resource, ns, _ => true), resource.Kind, null, ns).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
            await ForItemAsync(name, () => GetByNameAsync(client, resource, ns, name), resource.Kind, name, ns).ConfigureAwait(false);
    }

    private async Task GetByNameAsync(ResourceClient client, ApiResource resource, string? ns, string name)
    {
        if (WildcardPattern.ContainsWildcardCharacters(name))
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            await ListAsync(client, resource, ns, o => pattern.IsMatch(o["metadata"]?["name"]?.GetValue<string>() ?? "")).ConfigureAwait(false);
        }
        else if (ns is null && resource.Namespaced || Selector is not null || FieldSelector is not null)
        {
            var found = await ListAsync(client, resource, ns, o => o["metadata"]?["name"]?.GetValue<string>() == name).ConfigureAwait(false);
            if (found == 0 && Selector is null && FieldSelector is null) WriteK8sError(NotFound(resource, name, ns), name, resource.Kind, name, ns);
        }
        else await GetOneAsync(client, resource, ns, name, name).ConfigureAwait(false);
    }

    private async Task<int> ListAsync(ResourceClient client, ApiResource resource, string? ns, Func<JsonObject, bool> keep)
    {
        var count = 0;
        var listed = 0;
        await foreach (var item in client.ListAsync(resource, ns, Selector, FieldSelector, CancellationToken).ConfigureAwait(false))
        {
            if (keep(item))
            {
                count++;
                WriteObjectAsync(ManifestObjects.ToOutput(item));
            }
            // At a page's end, the page is written before the next is asked for (a stopped pipeline asks for none).
            if (++listed % Engine.Resources.ListPages.Size == 0) await WaitForWritesAsync().ConfigureAwait(false);
        }
        return count;
    }

    private async Task GetFromFilesAsync(ResourceClient client)
    {
        foreach (var doc in (await ReadInputFilesAsync().ConfigureAwait(false)).SelectMany(d => d.Expand()))
        {
            if (doc.ApiVersion is null || doc.Kind is null || doc.Name is null)
            {
                WriteDocumentError(new K8sError("IncompleteManifest", K8sErrorCategory.InvalidArgument, $"{doc.Source}: the document has no apiVersion, kind or name."), doc, doc.Source.ToString());
                continue;
            }
            await ForItemAsync(doc.Display, async () =>
            {
                var resource = await client.FindAsync(doc.ApiVersion, doc.Kind, CancellationToken).ConfigureAwait(false)
                    ?? throw new K8sException(new K8sError("KindNotServed", K8sErrorCategory.NotSupported, $"{doc.Source}: the server does not serve kind {doc.Kind} in {doc.ApiVersion}.") { Kind = doc.Kind, Name = doc.Name });
                var ns = resource.Namespaced ? ResolveNamespace(doc.Namespace ?? Namespace) : null;
                await GetOneAsync(client, resource, ns, doc.Name, doc.Display).ConfigureAwait(false);
            }, doc.Kind, doc.Name, doc.Namespace ?? Namespace).ConfigureAwait(false);
        }
    }

    private async Task GetFromObjectsAsync(ResourceClient client)
    {
        if (InputObject is null) return;
        foreach (var r in K8sObjectReference.From(InputObject))
        {
            await ForItemAsync(r.Source ?? r.Name, async () =>
            {
                if (r.Kind is null)
                    throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                        $"'{r.Name}' says nothing of its kind: use Get-K8sResource <kind> {r.Name}.") { Name = r.Name });
                var resource = (r.ApiVersion is null ? null : await client.FindAsync(r.ApiVersion, r.Kind, CancellationToken).ConfigureAwait(false))
                    ?? await client.ResolveAsync(r.Kind, CancellationToken).ConfigureAwait(false);
                var ns = resource.Namespaced ? ResolveNamespace(r.Namespace ?? Namespace) : null;
                await GetOneAsync(client, resource, ns, r.Name, r.Source ?? r.Name).ConfigureAwait(false);
            }, r.Kind, r.Name, r.Namespace).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the named object, or a NotFound error about <paramref name="target"/> (what the user named it by).</summary>
    private async Task GetOneAsync(ResourceClient client, ApiResource resource, string? ns, string name, object target)
    {
        var obj = await client.GetAsync(resource, ns, name, CancellationToken).ConfigureAwait(false);
        if (obj is null) WriteK8sError(NotFound(resource, name, ns), target, resource.Kind, name, ns);
        else WriteObjectAsync(ManifestObjects.ToOutput(obj));
    }
}
