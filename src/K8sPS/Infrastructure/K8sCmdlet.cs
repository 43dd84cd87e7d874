using System.Management.Automation;
using K8sPS.Engine.Connection;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of every cmdlet that talks to a cluster: -Context, the cached connection for it, the
/// namespace to use, and errors reported the K8sPS way.
/// </summary>
public abstract class K8sCmdlet : AsyncCmdlet
{
    private K8sConnection? _connection;

    /// <summary>The kubeconfig context to use; default: the current context.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Context { get; set; }

    /// <summary>
    /// The connection for -Context, resolved on first use and then kept for this invocation.
    /// A bad kubeconfig or a missing context throws (one terminating error, not one per item).
    /// </summary>
    protected K8sConnection Connection => _connection ??= ConnectionFactory.Get(Context);

    /// <summary>The namespace to act in: the one given, else the context's (else "default").</summary>
    protected string ResolveNamespace(string? requested) => Connection.ResolveNamespace(requested);

    /// <summary>Writes a non-terminating error for one item; the pipeline goes on with the next.</summary>
    protected void WriteK8sError(Exception exception, object? target, string? kind = null, string? name = null, string? ns = null)
        => WriteErrorAsync(K8sErrorRecords.From(exception, target, kind, name, ns, _connection?.Server));

    protected override ErrorRecord TerminatingErrorFor(Exception exception)
        => K8sErrorRecords.From(exception, Context, server: _connection?.Server);
}
