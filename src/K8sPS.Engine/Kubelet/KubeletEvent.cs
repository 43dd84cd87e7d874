namespace K8sPS.Engine.Kubelet;

/// <summary>An event the kubelet would record on the pod (kubectl describe shows them), with its own wording.</summary>
public sealed record KubeletEvent(string Type, string Reason, string Message)
{
    public override string ToString() => $"{Type} {Reason}: {Message}";
}
