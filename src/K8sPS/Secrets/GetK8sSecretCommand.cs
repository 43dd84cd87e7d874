using System.Management.Automation;
using System.Runtime.CompilerServices;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Secrets;
using K8sPS.Infrastructure;

namespace K8sPS.Secrets;

/// <summary>Get-K8sSecret: kubectl get secrets (NAME TYPE DATA AGE) and their key names; never a value.</summary>
[Cmdlet(VerbsCommon.Get, "K8sSecret", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(SecretView))]
public sealed class GetK8sSecretCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "Secret";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => SecretObjects.Output(await SecretOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false));

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => Views(ns, labelSelector, fieldSelector, ct);

    private async IAsyncEnumerable<object> Views(string? ns, string? labelSelector, string? fieldSelector, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var secret in SecretOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct).ConfigureAwait(false))
            yield return SecretObjects.Output(secret);
    }
}
