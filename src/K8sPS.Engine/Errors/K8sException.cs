namespace K8sPS.Engine.Errors;

/// <summary>An exception that already knows its <see cref="K8sError"/>; the Engine throws it for failures it detects itself.</summary>
public sealed class K8sException : Exception
{
    public K8sException(K8sError error, Exception? inner = null) : base(error.FullMessage, inner) => Error = error;

    public K8sError Error { get; }
}
