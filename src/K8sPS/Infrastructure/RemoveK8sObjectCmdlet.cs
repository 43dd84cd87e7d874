using System.Management.Automation;
using K8sPS.Engine.Errors;

namespace K8sPS.Infrastructure;

/// <summary>
/// What every Remove-K8s&lt;Kind&gt; does: by name and namespace (also bound from piped objects'
/// Name/Namespace), or by any object K8sObjectReference understands; -WhatIf/-Confirm; one error per
/// item that fails, the rest go on.
/// </summary>
public abstract class RemoveK8sObjectCmdlet : K8sCmdlet
{
    protected const string ByNameSet = "ByName";
    protected const string ByObjectSet = "ByObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Namespace of the objects; default: the object's own, else the context's.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>Objects to remove: K8sPS output, `kubectl get -o json | ConvertFrom-Json` output, or names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    protected abstract string Kind { get; }

    /// <summary>Deletes one object (through <see cref="K8sCmdlet.Connection"/>).</summary>
    protected abstract Task DeleteAsync(string ns, string name, CancellationToken ct);

    protected override async Task ProcessRecordAsync()
    {
        var items = ParameterSetName == ByNameSet
            ? Name.Select(n => new K8sObjectReference(n, Namespace, source: n))
            : InputObject;
        // A missing context or bad kubeconfig is one terminating error, not one per item.
        _ = Connection;
        foreach (var item in items)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var target = item.Source ?? item.Name;
            string? ns = null;
            try
            {
                ns = ResolveNamespace(Namespace ?? item.Namespace);
                if (item.Kind is { } kind && !string.Equals(kind, Kind, StringComparison.OrdinalIgnoreCase))
                    throw new K8sException(new K8sError("WrongKind", K8sErrorCategory.InvalidArgument,
                        $"{kind} \"{item.Name}\" is not a {Kind}: use Remove-K8s{kind}.") { Kind = kind, Name = item.Name, Namespace = ns });
                if (!await ShouldProcessAsync($"{Kind.ToLowerInvariant()} \"{item.Name}\" in namespace \"{ns}\"", "Delete").ConfigureAwait(false))
                    continue;
                await DeleteAsync(ns, item.Name, CancellationToken).ConfigureAwait(false);
                WriteVerboseAsync($"{Kind.ToLowerInvariant()} \"{item.Name}\" deleted from namespace \"{ns}\"");
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                WriteK8sError(e, target, Kind, item.Name, ns);
            }
        }
    }
}
