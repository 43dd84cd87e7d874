using System.Collections.Specialized;
using System.Management.Automation;
using System.Security;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Secrets;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Secrets;

/// <summary>
/// Get-K8sSecretValue: the one way K8sPS gives a secret's values, and only when asked: SecureString by default,
/// plain text with -AsPlainText, bytes with -AsByteArray. One -Key gives that value alone; otherwise an ordered
/// hashtable of key -> value.
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sSecretValue", DefaultParameterSetName = SecureSet)]
[OutputType(typeof(SecureString), typeof(string), typeof(byte[]), typeof(OrderedDictionary))]
public sealed class GetK8sSecretValueCommand : K8sCmdlet
{
    private const string SecureSet = "SecureString";
    private const string PlainSet = "PlainText";
    private const string BytesSet = "Bytes";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>The keys to read; default all.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <summary>Values as plain strings (UTF-8 text), which anything that prints them shows.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PlainSet)]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>Values as the bytes stored (for binary values such as keystores).</summary>
    [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
    public SwitchParameter AsByteArray { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var ns = ResolveNamespace(Namespace);
        var connection = Connection;
        await ForItemAsync(Name, async () =>
        {
            var secret = await SecretOperations.GetAsync(connection, ns, Name, CancellationToken).ConfigureAwait(false);
            var keys = Key ?? SecretView.From(secret).Keys.Select(k => k.Key).ToArray();
            if (Key is { Length: 1 })
            {
                WriteObjectAsync(Convert(secret, Key[0]));
                return;
            }
            var values = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var key in keys) values[key] = Convert(secret, key);
            WriteObjectAsync(values);
        }, "Secret", Name, ns).ConfigureAwait(false);
    }

    private object Convert(V1Secret secret, string key)
    {
        var bytes = SecretValues.Read(secret, key); // KeyNotFound names the keys there are
        if (AsByteArray) return bytes;
        try
        {
            if (AsPlainText)
                return System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : throw Binary(secret, key);
            return SecretInput.ToSecureString(bytes) ?? throw Binary(secret, key);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    private static K8sException Binary(V1Secret secret, string key)
        => new(new K8sError("BinaryValue", K8sErrorCategory.InvalidArgument,
            $"key {key} of Secret {secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name} holds binary data, not UTF-8 text")
        {
            Kind = "Secret",
            Name = secret.Metadata?.Name,
            Namespace = secret.Metadata?.NamespaceProperty,
            RecommendedAction = "Read it with -AsByteArray.",
        });
}
