using System.Collections;
using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Secrets;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Secrets;

/// <summary>
/// New-K8sSecret: kubectl create secret generic | tls | docker-registry, and the typed generic ones (ssh-auth,
/// basic-auth). The object sent is the one kubectl makes from the same input (Engine's SecretGenerator); what is
/// written back is a <see cref="SecretView"/>, never a value.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sSecret", DefaultParameterSetName = GenericSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SecretView))]
public sealed class NewK8sSecretCommand : K8sCmdlet
{
    private const string GenericSet = "Generic";
    private const string TlsSet = "Tls";
    private const string SshAuthSet = "SshAuth";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Files, folders or key=path, as kubectl's --from-file.</summary>
    [Parameter(ParameterSetName = GenericSet)]
    [ValidateNotNullOrEmpty]
    public string[]? FromFile { get; set; }

    /// <summary>Keys and values; values may be text, SecureString, PSCredential (its password) or bytes.</summary>
    [Parameter(ParameterSetName = GenericSet)]
    [ValidateNotNull]
    public IDictionary? FromLiteral { get; set; }

    /// <summary>KEY=value files, as kubectl's --from-env-file.</summary>
    [Parameter(ParameterSetName = GenericSet)]
    [ValidateNotNullOrEmpty]
    public string[]? FromEnvFile { get; set; }

    /// <summary>Leave out a folder's subfolders and links, as kubectl does without a word (by default they are an error).</summary>
    [Parameter(ParameterSetName = GenericSet)]
    public SwitchParameter SkipSubfolders { get; set; }

    /// <summary>generic (default), tls, ssh-auth, basic-auth, docker-registry, or any secret type for a generic secret.</summary>
    [Parameter(ParameterSetName = GenericSet)]
    [Parameter(Mandatory = true, ParameterSetName = TlsSet)]
    [Parameter(Mandatory = true, ParameterSetName = SshAuthSet)]
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ArgumentCompleter(typeof(SecretTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>The PEM certificate (chain) of a tls secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TlsSet)]
    [Alias("Cert")]
    [ValidateNotNullOrEmpty]
    public string Certificate { get; set; } = "";

    /// <summary>The private key file: PEM for tls, the SSH private key for ssh-auth.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TlsSet)]
    [Parameter(Mandatory = true, ParameterSetName = SshAuthSet)]
    [Alias("Key")]
    [ValidateNotNullOrEmpty]
    public string PrivateKey { get; set; } = "";

    /// <summary>User name and password of a basic-auth or docker-registry secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The registry of a docker-registry secret; default Docker Hub (https://index.docker.io/v1/).</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNullOrEmpty]
    public string Server { get; set; } = DockerRegistryCredentials.DockerHub;

    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNullOrEmpty]
    public string? Email { get; set; }

    /// <summary>Replace an existing secret's content, as kubectl create --dry-run=client -o yaml | kubectl apply -f -.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Requests in flight at once for piped input.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        // Pipeline-bound parameters are taken now: the next record rebinds them while this one is in flight.
        var name = Name;
        var ns = ResolveNamespace(Namespace);
        V1Secret? built = null;
        K8sException? invalid = null;
        // Files are read and checked here, on the pipeline thread: nothing is sent unless all of it is right.
        try { built = Build(ns); }
        catch (K8sException e) { invalid = e; }
        var connection = Connection;
        await StartItemAsync(name, async () =>
        {
            if (invalid is not null) throw invalid;
            var secret = built!;
            var target = $"secret/{name} in namespace {ns}";
            var view = SecretView.From(secret);
            if (Force)
            {
                var existing = await SecretOperations.FindAsync(connection, ns, name, CancellationToken).ConfigureAwait(false);
                var action = existing is null ? $"Create ({Describe(view)})" : $"Replace ({SecretDiff.Describe(existing, secret)})";
                if (!await ShouldProcessAsync(target, action).ConfigureAwait(false)) return;
                var result = await SecretOperations.CreateOrReplaceAsync(connection, ns, secret, ct: CancellationToken).ConfigureAwait(false);
                WriteObjectAsync(SecretObjects.Output(result.Result));
                return;
            }
            if (!await ShouldProcessAsync(target, $"Create ({Describe(view)})").ConfigureAwait(false)) return;
            WriteObjectAsync(SecretObjects.Output(await SecretOperations.CreateAsync(connection, ns, secret, ct: CancellationToken).ConfigureAwait(false)));
        }, "Secret", name, ns).ConfigureAwait(false);
    }

    private static string Describe(SecretView view)
        => $"{view.Type}: {(view.Data == 0 ? "no keys" : string.Join(", ", view.Keys))}";

    private V1Secret Build(string ns)
    {
        var type = SecretTypes.Normalize(Type);
        switch (ParameterSetName)
        {
            case TlsSet:
                RequireType(type, SecretGenerator.TlsType, "-Certificate");
                return SecretGenerator.Tls(Name, ns, SecretInput.ResolvePath(this, Certificate), SecretInput.ResolvePath(this, PrivateKey));
            case SshAuthSet:
                RequireType(type, SecretGenerator.SshAuthType, "-PrivateKey without -Certificate");
                return SecretGenerator.SshAuth(Name, ns, SecretInput.ResolvePath(this, PrivateKey));
            case CredentialSet:
                return FromCredential(type, ns);
            default:
                if (type is SecretGenerator.TlsType && FromFile is null && FromLiteral is null && FromEnvFile is null)
                    throw Usage("-Type tls takes the certificate and key files: -Certificate tls.crt -PrivateKey tls.key.");
                if (type is SecretGenerator.SshAuthType && FromFile is null && FromLiteral is null && FromEnvFile is null)
                    throw Usage("-Type ssh-auth takes the private key file: -PrivateKey ~/.ssh/id_ed25519.");
                if (type is SecretGenerator.BasicAuthType or SecretGenerator.DockerConfigJsonType && FromFile is null && FromLiteral is null && FromEnvFile is null)
                    throw Usage($"-Type {Type} takes -Credential (user name and password){(type == SecretGenerator.DockerConfigJsonType ? ", -Server and -Email" : "")}.");
                var sources = SecretInput.Sources(this, FromFile, FromLiteral, FromEnvFile, SkipSubfolders);
                return SecretGenerator.Generic(Name, ns, sources, type);
        }
    }

    private V1Secret FromCredential(string? type, string ns)
    {
        var user = Credential!.UserName ?? "";
        // A PSCredential's user name may come as \user (Get-Credential's domain prefix): take it as typed.
        var password = SecretInput.Bytes(Credential.Password);
        try
        {
            return type switch
            {
                SecretGenerator.BasicAuthType => SecretGenerator.BasicAuth(Name, ns, System.Text.Encoding.UTF8.GetBytes(user), password),
                SecretGenerator.DockerConfigJsonType => SecretGenerator.DockerRegistry(Name, ns, new DockerRegistryCredentials(user, password, Server, Email)),
                _ => throw Usage($"-Credential makes a basic-auth or docker-registry secret, not {Type}: use -Type basic-auth or -Type docker-registry."),
            };
        }
        finally
        {
            Array.Clear(password);
        }
    }

    private void RequireType(string? type, string wanted, string what)
    {
        if (type != wanted)
            throw Usage($"{what} makes a {SecretTypes.ShortName(wanted)} secret, but -Type is {Type}: use -Type {SecretTypes.ShortName(wanted)}.");
    }

    private K8sException Usage(string message)
        => new(new K8sError("InvalidSecretParameters", K8sErrorCategory.InvalidArgument, $"Secret \"{Name}\": {message}") { Kind = "Secret", Name = Name, RecommendedAction = "See Get-Help New-K8sSecret -Examples." });
}
