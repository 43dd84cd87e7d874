using System.Management.Automation;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Gets objects of any kind the server serves, named as kubectl names them (deploy, svc, po, cm, pvc...), or what a manifest file describes.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sResource", DefaultParameterSetName = KindSet)]
[OutputType(typeof(PSObject))]
public sealed class GetK8sResourceCommand : ManifestCmdlet
{
    private const string KindSet = "Kind";
    private const string PathSet = "Path";
    private const string ObjectSet = "InputObject";

    /// <summary>Kind, plural, singular or short name: Deployment, deployments, deploy, deployments.apps.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    public string Kind { get; set; } = "";

    /// <summary>Names; wildcards select among the listed objects. None: all.</summary>
    [Parameter(Position = 1, ParameterSetName = KindSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Objects described by these manifest files (files, folders, wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [Alias("f", "Filename")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Objects to read again from the server: K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    [Parameter(ParameterSetName = KindSet)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Label selector, as kubectl -l: app=web,tier!=db.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    public string? Selector { get; set; }

    [Parameter(ParameterSetName = KindSet)]
    [ValidateNotNullOrEmpty]
    public string? FieldSelector { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var client = new ResourceClient(Rest);
        if (ParameterSetName == PathSet)
        {
            await GetFromFilesAsync(client).ConfigureAwait(false);
            return;
        }
        if (ParameterSetName == ObjectSet)
        {
            await GetFromObjectsAsync(client).ConfigureAwait(false);
            return;
        }
        ApiResource resource;
        try { resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false); }
        catch (K8sException e) { WriteK8sError(e, Kind); return; }

        var ns = !resource.Namespaced || AllNamespaces ? null : ResolveNamespace(Namespace);
        if (Name is null || Name.Length == 0)
        {
            await ListAsync(client, resource, ns, _ => true).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            try
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
            catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                WriteK8sError(e, name, resource.Kind, name, ns);
            }
        }
    }

    private async Task<int> ListAsync(ResourceClient client, ApiResource resource, string? ns, Func<JsonObject, bool> keep)
    {
        var count = 0;
        try
        {
            await foreach (var item in client.ListAsync(resource, ns, Selector, FieldSelector, CancellationToken).ConfigureAwait(false))
            {
                if (!keep(item)) continue;
                count++;
                WriteObjectAsync(ManifestObjects.ToOutput(item));
            }
        }
        catch (K8sException e) { WriteK8sError(e, Kind, resource.Kind, null, ns); }
        return count;
    }

    private async Task GetFromFilesAsync(ResourceClient client)
    {
        var files = await ResolveFilesAsync(Path, false, Recurse).ConfigureAwait(false);
        foreach (var doc in ReadFiles(files).SelectMany(d => d.Expand()))
        {
            if (doc.ApiVersion is null || doc.Kind is null || doc.Name is null) { WriteDocumentError(new K8sError("InvalidManifest", K8sErrorCategory.InvalidArgument, $"{doc.Source}: the document has no apiVersion, kind or name."), doc, doc.Source.ToString()); continue; }
            var resource = await client.FindAsync(doc.ApiVersion, doc.Kind, CancellationToken).ConfigureAwait(false);
            if (resource is null) { WriteDocumentError(new K8sError("KindNotServed", K8sErrorCategory.NotSupported, $"{doc.Source}: the server does not serve kind {doc.Kind} in {doc.ApiVersion}."), doc, doc.Display); continue; }
            var ns = resource.Namespaced ? ResolveNamespace(doc.Namespace ?? Namespace) : null;
            try
            {
                await GetOneAsync(client, resource, ns, doc.Name, doc.Display).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                WriteK8sError(e, doc.Display, resource.Kind, doc.Name, ns);
            }
        }
    }

    private async Task GetFromObjectsAsync(ResourceClient client)
    {
        if (InputObject is null) return;
        foreach (var r in K8sObjectReference.From(InputObject))
        {
            var target = r.Source ?? r.Name;
            try
            {
                if (r.Kind is null)
                    throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                        $"'{r.Name}' says nothing of its kind: use Get-K8sResource <kind> {r.Name}.") { Name = r.Name });
                var resource = (r.ApiVersion is null ? null : await client.FindAsync(r.ApiVersion, r.Kind, CancellationToken).ConfigureAwait(false))
                    ?? await client.ResolveAsync(r.Kind, CancellationToken).ConfigureAwait(false);
                var ns = resource.Namespaced ? ResolveNamespace(r.Namespace ?? Namespace) : null;
                await GetOneAsync(client, resource, ns, r.Name, target).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                WriteK8sError(e, target, r.Kind, r.Name, r.Namespace);
            }
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
