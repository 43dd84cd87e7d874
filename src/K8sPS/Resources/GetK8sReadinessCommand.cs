using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Readiness;
using K8sPS.Infrastructure;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Says whether objects are ready, and if not why: the counts, the conditions with reasons, the last warning events.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sReadiness", DefaultParameterSetName = ObjectSet)]
[OutputType(typeof(ReadinessReport))]
public sealed class GetK8sReadinessCommand : K8sCmdlet
{
    private const string ObjectSet = "InputObject";
    private const string KindSet = "Kind";

    /// <summary>Objects to check, read fresh from the server: K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    /// <summary>Kind, plural, singular or short name: deploy, sts, ds, po, svc, pvc, node...</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [ArgumentCompleter(typeof(KindCompleter))]
    [ValidateNotNullOrEmpty]
    public string Kind { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = KindSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    // Empty is allowed: a piped cluster-scoped object (a Node) binds its empty Namespace here.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? Namespace { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var reader = new ReadinessReader(Connection);
        if (string.IsNullOrEmpty(Namespace)) Namespace = null;
        var items = ParameterSetName == KindSet ? Name.Select(n => new K8sObjectReference(n, Namespace, Kind, source: n)) : InputObject;
        foreach (var item in items)
        {
            await ForItemAsync(item.Source ?? item.Name, async () =>
            {
                var kind = item.Kind ?? throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                    $"'{item.Name}' says nothing of its kind: use Get-K8sReadiness <kind> {item.Name}.") { Name = item.Name });
                var report = await reader.ReadAsync(kind, Namespace ?? item.Namespace, item.Name, CancellationToken).ConfigureAwait(false)
                    ?? throw new K8sException(new K8sError("NotFound", K8sErrorCategory.NotFound, $"{kind.ToLowerInvariant()} \"{item.Name}\" not found") { Kind = kind, Name = item.Name, Namespace = Namespace ?? item.Namespace });
                WriteObjectAsync(report);
            }, item.Kind, item.Name, Namespace ?? item.Namespace).ConfigureAwait(false);
        }
    }
}
