namespace K8sPS.Engine.Logs;

/// <summary>One container whose log is read: kubectl's request per pod and container.</summary>
public sealed record LogSource(string Namespace, string Pod, string Container)
{
    /// <summary>kubectl logs --prefix: <c>[pod/web-1/app] </c> before each line.</summary>
    public string Prefix => $"[pod/{Pod}/{Container}] ";

    public override string ToString() => $"pod/{Pod}/{Container} in namespace \"{Namespace}\"";
}
