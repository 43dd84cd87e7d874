using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using K8sPS.Completion;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Adds, changes or removes labels of objects of any kind, as kubectl label does.</para>
/// <para type="description">Objects by kind and name, by -Selector or -All, or piped in; each one read, planned with
/// kubectl label's rules (an existing key only with -Overwrite) and sent kubectl's JSON merge patch of its labels,
/// on its own: one object's failure is that object's error and the others go on.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "K8sResourceLabel", DefaultParameterSetName = KindSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[Alias("Label-K8sResource")]
[OutputType(typeof(PSObject))]
public sealed class SetK8sResourceLabelCommand : K8sCmdlet
{
    private const string KindSet = "Kind";
    private const string ObjectSet = "InputObject";
    private Dictionary<string, string> _set = [];
    private string[] _remove = [];

    /// <summary>Kind, plural, singular or short name: ConfigMap, configmaps, cm, deploy, deployments.apps.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KindCompleter))]
    public string Kind { get; set; } = "";

    /// <summary>Names of the objects to label.</summary>
    [Parameter(Position = 1, ParameterSetName = KindSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Objects to label: Get-K8sResource / Get-K8s* output, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>Labels to add or change: @{ tier = 'front' }.</summary>
    [Parameter(Position = 2, ParameterSetName = KindSet)]
    [Parameter(ParameterSetName = ObjectSet)]
    [ValidateNotNull]
    public IDictionary? Label { get; set; }

    /// <summary>Label keys to remove (kubectl's key-).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Remove { get; set; }

    /// <summary>Allow changing the value of a key the object already has (kubectl --overwrite).</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>Every object of the kind matching this label selector, as kubectl -l.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>Every object of the kind in the namespace (kubectl --all).</summary>
    [Parameter(ParameterSetName = KindSet)]
    public SwitchParameter All { get; set; }

    /// <summary>With -Selector or -All: the objects of every namespace (kubectl -A).</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Objects changed at once.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    /// <summary>Write each object as the server has it afterwards, as Get-K8sResource writes it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task BeginProcessingAsync()
    {
        // Checked once, before any object is read: bad input changes nothing anywhere.
        (_set, _remove) = LabelArguments.Read(Label, Remove);
        return Task.CompletedTask;
    }

    protected override async Task ProcessRecordAsync()
    {
        var client = new ResourceClient(Connection.Rest);
        if (ParameterSetName == ObjectSet)
        {
            await LabelPipedAsync(client).ConfigureAwait(false);
            return;
        }
        var names = Name ?? [];
        // kubectl's own refusals of these combinations, in its words.
        // Names with -All label the names, as kubectl's do.
        if (names.Length > 0 && Selector is not null)
            throw Usage("name cannot be provided when a selector is specified: give -Name or -Selector, not both.");
        if (Selector is not null && All)
            throw Usage("cannot set -All and -Selector at the same time.");
        if (names.Length == 0 && Selector is null && !All)
            throw Usage("say which objects to label: -Name, -Selector or -All (kubectl: one or more resources must be specified as <resource> <name>).");
        if (AllNamespaces && names.Length > 0)
            throw Usage("a resource cannot be retrieved by name across all namespaces: give its namespace with -Namespace, or use -AllNamespaces with -Selector or -All.");

        ApiResource? resource = null;
        if (!await ForItemAsync(Kind, async () => resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
            return;
        var ns = !resource!.Namespaced || AllNamespaces ? null : ResolveNamespace(Namespace);
        if (names.Length > 0)
        {
            foreach (var name in names)
            {
                CancellationToken.ThrowIfCancellationRequested();
                // Read, change, write; a 409 (changed meanwhile) reads the object again and retries.
                await StartItemAsync(name, () => ConflictRetry.RunAsync(async _ =>
                    await EditAsync(client, resource, await ReadAsync(client, resource, ns, name).ConfigureAwait(false)).ConfigureAwait(false), CancellationToken),
                    resource.Kind, name, ns).ConfigureAwait(false);
            }
            return;
        }

        var listed = new List<JsonObject>();
        if (!await ForItemAsync(Selector ?? Kind, async () =>
            {
                await foreach (var o in client.ListAsync(resource, ns, Selector, null, CancellationToken).ConfigureAwait(false)) listed.Add(o);
            }, resource.Kind, null, ns).ConfigureAwait(false))
            return;
        if (listed.Count == 0)
        {
            var where = ns is not null ? $" in namespace {ns}" : resource.Namespaced ? " in any namespace" : "";
            WriteWarningAsync($"No {resource.QualifiedPlural} found{where}{(Selector is null ? "" : $" matching the selector '{Selector}'")}: nothing was labeled.");
        }
        foreach (var item in listed)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var first = item;
            var name = NameOf(item);
            var itemNs = resource.Namespaced ? NamespaceOf(item) : null;
            // The listed object is the first attempt's; a retry after a 409 reads it again.
            await StartItemAsync(name, () => ConflictRetry.RunAsync(async attempt =>
                await EditAsync(client, resource, attempt == 0 ? first : await ReadAsync(client, resource, itemNs, name).ConfigureAwait(false)).ConfigureAwait(false), CancellationToken),
                resource.Kind, name, itemNs).ConfigureAwait(false);
        }
    }

    private async Task LabelPipedAsync(ResourceClient client)
    {
        if (InputObject is null) return;
        // Namespace is bound per record: taken now, before the items run (objects that name none are labelled there).
        var fallbackNs = ResolveNamespace(Namespace);
        List<K8sObjectReference> refs;
        try { refs = K8sObjectReference.From(InputObject).ToList(); }
        catch (ArgumentException e)
        {
            var bad = new K8sException(new K8sError("ObjectRequired", K8sErrorCategory.InvalidArgument, e.Message)
            { RecommendedAction = "Pipe objects from Get-K8sResource or Get-K8s<Kind>, or use Set-K8sResourceLabel <kind> <name>." });
            await StartItemAsync(InputObject, () => Task.FromException(bad)).ConfigureAwait(false);
            return;
        }
        foreach (var r in refs)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var target = r.Source ?? r.Name;
            await StartItemAsync(target, () => ConflictRetry.RunAsync(async _ =>
            {
                if (r.Kind is null)
                    throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                        $"'{r.Name}' says nothing of its kind: use Set-K8sResourceLabel <kind> {r.Name}.") { Name = r.Name });
                // The exact apiVersion when the object names one the server serves, else the kind's preferred version.
                var resource = (r.ApiVersion is null ? null : await client.FindAsync(r.ApiVersion, r.Kind, CancellationToken).ConfigureAwait(false))
                    ?? await client.ResolveAsync(r.Kind, CancellationToken).ConfigureAwait(false);
                var ns = resource.Namespaced ? r.Namespace ?? fallbackNs : null;
                // Read afresh: what was piped may be older than the server's object.
                await EditAsync(client, resource, await ReadAsync(client, resource, ns, r.Name).ConfigureAwait(false)).ConfigureAwait(false);
            }, CancellationToken), r.Kind, r.Name, r.Namespace ?? fallbackNs).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> ReadAsync(ResourceClient client, ApiResource resource, string? ns, string name)
        => await client.GetAsync(resource, ns, name, CancellationToken).ConfigureAwait(false)
            ?? throw new K8sException(ResourceClient.NotFound(resource, name, ns));

    /// <summary>One object: kubectl label's plan on its labels, the question, the patch, then what kubectl prints.</summary>
    private async Task EditAsync(ResourceClient client, ApiResource resource, JsonObject obj)
    {
        var name = NameOf(obj);
        var ns = resource.Namespaced ? NamespaceOf(obj) : null;
        var display = $"{resource.QualifiedKind}/{name}";
        var edit = LabelEdit.Plan(resource.Kind, name, LabelEdit.LabelsOf(obj), _set, _remove, Overwrite, obj["metadata"]?["resourceVersion"]?.GetValue<string>());
        var result = obj;
        if (edit.Changed)
        {
            var where = ns is null ? "" : $" in namespace {ns}";
            if (!await ShouldProcessAsync($"{display}{where} ({LabelArguments.Describe(_set, _remove)})", "Set labels").ConfigureAwait(false)) return;
            result = await client.PatchAsync(resource, ns, name, edit.Patch!, CancellationToken).ConfigureAwait(false);
        }
        // Written once the object is done, so an attempt that meets a conflict says nothing twice.
        foreach (var key in edit.MissingKeys) WriteWarningAsync($"{display}: label \"{key}\" not found.");
        WriteVerboseAsync(edit.Changed ? $"{display} labeled" : $"{display} not labeled");
        if (PassThru) WriteObjectAsync(ManifestObjects.ToOutput(result));
    }

    private static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    private static string? NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    private K8sException Usage(string message) => new(new K8sError("InvalidSelection", K8sErrorCategory.InvalidArgument, message + " Nothing was sent to the cluster.")
    {
        Kind = Kind,
        RecommendedAction = "Set-K8sResourceLabel <kind> <name>... -Label @{ k = 'v' }, or Set-K8sResourceLabel <kind> -Selector app=web -Label ..., or -All.",
    });
}
