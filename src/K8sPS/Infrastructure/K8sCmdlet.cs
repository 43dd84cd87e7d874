using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of every cmdlet that talks to a cluster: -Context, the connection for it, the namespace to use, and
/// errors reported the K8sPS way: one per failed item, except a failed connection, which ends the command once.
/// </summary>
public abstract class K8sCmdlet : AsyncCmdlet
{
    private K8sConnection? _connection;
    private int _connectionFailed;

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

    protected override object ErrorTarget => Context ?? _connection?.Context ?? MyInvocation.MyCommand.Name;

    /// <summary>
    /// One item's error; but when the connection itself failed (unreachable, TLS, credentials refused) every other
    /// item would fail the same way: the command ends with that one error instead.
    /// </summary>
    protected override void WriteK8sError(Exception exception, object? target, string? kind = null, string? name = null, string? ns = null)
    {
        var record = K8sErrorRecords.From(exception, target, kind, name, ns, _connection?.Server);
        if (record.Exception is Engine.Errors.K8sException { Error.IsConnectionFailure: true })
        {
            if (Interlocked.Exchange(ref _connectionFailed, 1) == 0) ThrowTerminatingErrorAsync(record);
            return;
        }
        WriteErrorAsync(record);
    }

    protected override ErrorRecord TerminatingErrorFor(Exception exception)
        => K8sErrorRecords.From(exception, ErrorTarget, server: _connection?.Server);
}
