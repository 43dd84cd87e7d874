using System.Runtime.CompilerServices;
using k8s.Models;
using K8sPS.Engine.Secrets;

namespace K8sPS.Secrets;

/// <summary>
/// What K8sPS emits for a Secret, whichever cmdlet read it (Get-K8sSecret, New-K8sSecret, Get-K8sResource): a
/// <see cref="SecretView"/>, which holds names, type, keys and sizes, so no view, Format-List, ConvertTo-Json,
/// Export-Clixml or transcript can show a value. The object the server returned rides along in a weak table, like
/// a manifest's source (ManifestObjects): reachable only by the explicit exports (ConvertTo-K8sYaml/-Json,
/// Set-K8sResource, Get-K8sSecretValue), and gone with the view.
/// </summary>
internal static class SecretObjects
{
    private static readonly ConditionalWeakTable<SecretView, V1Secret> Secrets = new();

    /// <summary>The view to write for <paramref name="secret"/>.</summary>
    public static SecretView Output(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        secret.ApiVersion ??= "v1";
        secret.Kind ??= "Secret";
        var view = SecretView.From(secret);
        Secrets.AddOrUpdate(view, secret);
        return view;
    }

    /// <summary>The Secret behind a view K8sPS wrote (or the Secret itself); false for anything else.</summary>
    public static bool TryGetSecret(object? input, out V1Secret secret)
    {
        var value = input is System.Management.Automation.PSObject ps ? ps.BaseObject : input;
        switch (value)
        {
            case V1Secret s:
                secret = s;
                return true;
            case SecretView view when Secrets.TryGetValue(view, out var found):
                secret = found;
                return true;
            default:
                secret = null!;
                return false;
        }
    }
}
