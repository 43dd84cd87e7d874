using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Rollouts;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>One workload a rollout command acts on: its canonical kind, name and namespace, and what the user gave.</summary>
public sealed record WorkloadTarget(string Kind, string Name, string Namespace, object Source)
{
    public override string ToString() => $"{Kind.ToLowerInvariant()} \"{Name}\" in namespace \"{Namespace}\"";
}

/// <summary>
/// What every rollout cmdlet shares: the workloads named (<c>web</c>, <c>-Kind StatefulSet db</c>, or kubectl's
/// <c>statefulset/db</c>) or piped in (Get-K8sDeployment, Get-K8sResource, ConvertFrom-Json of kubectl's output,
/// objects with Name and Namespace), each checked against the kinds kubectl supports for the command, and each
/// its own error when it fails.
/// </summary>
public abstract class WorkloadCmdlet : K8sCmdlet
{
    protected const string ByNameSet = "ByName";
    protected const string ByObjectSet = "ByObject";

    /// <summary>Names, or kubectl's kind/name (deployment/web, sts/db).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The kind of names given without one (and of piped input that says none); default Deployment.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkloadKindCompleter))]
    public string Kind { get; set; } = WorkloadKinds.Deployment;

    /// <summary>Workloads piped in.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The kinds this command works on, as kubectl's.</summary>
    protected abstract IReadOnlyList<string> Kinds { get; }

    /// <summary>kubectl's command, for messages: "rollout undo".</summary>
    protected abstract string Command { get; }

    protected abstract Task ProcessTargetAsync(WorkloadTarget target);

    protected override async Task ProcessRecordAsync()
    {
        _ = Connection; // a bad kubeconfig or context is one terminating error, not one per item
        var items = ParameterSetName == ByNameSet ? Name.Select(n => new K8sObjectReference(n, source: n)) : InputObject;
        foreach (var item in items)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var (kindText, name) = SplitKind(item);
            var ns = ResolveNamespace(Namespace ?? item.Namespace);
            var source = item.Source ?? item.Name;
            await ForItemAsync(source, () =>
            {
                var kind = WorkloadKinds.Resolve(kindText, Kinds, Command);
                return ProcessTargetAsync(new WorkloadTarget(kind, name, ns, source));
            }, kindText, name, ns).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks -WhatIf/-Confirm. Send: go on; DryRun: -WhatIf, so send as a server dry run (the server checks the
    /// change, nothing is stored, as kubectl --dry-run=server); neither: the user said no.
    /// </summary>
    protected async Task<(bool Send, bool DryRun)> ConfirmAsync(WorkloadTarget target, string action)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (proceed, whatIf) = await ShouldProcessWithReasonAsync(target.ToString(), action).ConfigureAwait(false);
        return (proceed || whatIf, whatIf);
    }

    /// <summary>The result line for <paramref name="target"/>.</summary>
    protected static RolloutChange Change(WorkloadTarget target, string action, object? obj, bool dryRun, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new RolloutChange(target.Kind, WorkloadKinds.TypeName(target.Kind), target.Name, target.Namespace, action, obj) { DryRun = dryRun, Detail = detail };
    }

    private (string Kind, string Name) SplitKind(K8sObjectReference item)
    {
        if (item.Source is string s && s.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 && slash < s.Length - 1)
            return (s[..slash], s[(slash + 1)..]);
        var kind = item.Kind ?? WorkloadKinds.KindOf(item.Source is PSObject p ? p.BaseObject : item.Source) ?? Kind;
        return (kind, item.Name);
    }

    /// <summary>An error of this command about one object, as the Engine writes them.</summary>
    protected static K8sException Error(string id, K8sErrorCategory category, string message, WorkloadTarget target, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new K8sException(new K8sError(id, category, message) { Kind = target.Kind, Name = target.Name, Namespace = target.Namespace, RecommendedAction = action });
    }
}
