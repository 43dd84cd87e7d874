using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// Builds the Secret `kubectl create secret` (1.32) builds: generic from files, folders, literals or env files,
/// tls, docker-registry, and the typed generic ones (ssh-auth, basic-auth). Every check the server would make
/// (key names, 1 MiB in all, required keys) and those kubectl makes (the key pair matches) is made first, so
/// nothing is sent that would be refused, and nothing is dropped silently.
/// </summary>
public static class SecretGenerator
{
    /// <summary>The most bytes the values of one Secret or ConfigMap may hold together (core.MaxSecretSize).</summary>
    public const int MaxTotalBytes = 1024 * 1024;

    public const string OpaqueType = "Opaque";
    public const string TlsType = "kubernetes.io/tls";
    public const string SshAuthType = "kubernetes.io/ssh-auth";
    public const string BasicAuthType = "kubernetes.io/basic-auth";
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";

    /// <summary>
    /// `kubectl create secret generic`: <paramref name="type"/> null leaves the type to the server (Opaque), as
    /// kubectl does; keys from the sources in kubectl's order (files, literals, env files).
    /// </summary>
    public static V1Secret Generic(string name, string? ns, DataSources sources, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        CheckName(name);
        var entries = DataCollector.Collect("Secret", name, sources);
        return Build(name, ns, string.IsNullOrEmpty(type) ? null : type, entries);
    }

    /// <summary>`kubectl create secret tls`: tls.crt and tls.key from PEM files, checked to be a matching pair.</summary>
    public static V1Secret Tls(string name, string? ns, string certificateFile, string keyFile)
    {
        ArgumentNullException.ThrowIfNull(certificateFile);
        ArgumentNullException.ThrowIfNull(keyFile);
        CheckName(name);
        var certificate = ReadFile(certificateFile, name);
        var key = ReadFile(keyFile, name);
        TlsKeyPair.Check(certificate, key, certificateFile, keyFile, name);
        return Build(name, ns, TlsType, [new("tls.crt", certificate, $"file {certificateFile}"), new("tls.key", key, $"file {keyFile}")]);
    }

    /// <summary>
    /// An ssh-auth secret (`kubectl create secret generic --type=kubernetes.io/ssh-auth
    /// --from-file=ssh-privatekey=FILE`): the server requires the ssh-privatekey key; a public key given by mistake
    /// is refused here.
    /// </summary>
    public static V1Secret SshAuth(string name, string? ns, string privateKeyFile)
    {
        ArgumentNullException.ThrowIfNull(privateKeyFile);
        CheckName(name);
        var key = ReadFile(privateKeyFile, name);
        var text = Encoding.Latin1.GetString(key).TrimStart();
        if (key.Length == 0)
            throw Invalid(name, "MissingRequiredKey", $"Secret \"{name}\" is invalid: data[ssh-privatekey]: Required value ({privateKeyFile} is empty)",
                "Give the private key file (e.g. ~/.ssh/id_ed25519).");
        if (text.StartsWith("ssh-", StringComparison.Ordinal) || text.StartsWith("ecdsa-", StringComparison.Ordinal) || text.StartsWith("sk-", StringComparison.Ordinal))
            throw Invalid(name, "PublicKeyGiven", $"{privateKeyFile} holds an SSH public key, not the private key an ssh-auth secret needs",
                "Give the private key file (the one without .pub).");
        return Build(name, ns, SshAuthType, [new("ssh-privatekey", key, $"file {privateKeyFile}")]);
    }

    /// <summary>A basic-auth secret: the keys username and password (`--type=kubernetes.io/basic-auth` with two literals).</summary>
    public static V1Secret BasicAuth(string name, string? ns, byte[] username, byte[] password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        CheckName(name);
        return Build(name, ns, BasicAuthType, [new("username", (byte[])username.Clone(), "username"), new("password", (byte[])password.Clone(), "password")]);
    }

    /// <summary>
    /// `kubectl create secret docker-registry`: .dockerconfigjson holding {"auths":{server:{username, password,
    /// email, auth}}} byte for byte as kubectl writes it (Go's JSON, auth = base64 of user:password).
    /// </summary>
    public static V1Secret DockerRegistry(string name, string? ns, DockerRegistryCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        CheckName(name);
        if (credentials.Username.Length == 0 || credentials.PasswordBytes().Length == 0 || credentials.Server.Length == 0)
            throw Invalid(name, "MissingCredentials",
                $"Secret \"{name}\": a docker-registry secret needs a user name, a password and a server (kubectl: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required); missing: {string.Join(", ", Missing(credentials))}",
                "Give the registry's user name and password (a PSCredential), and its server.");
        return Build(name, ns, DockerConfigJsonType, [new(".dockerconfigjson", DockerConfigJson(credentials), "docker-registry credentials")]);
    }

    private static IEnumerable<string> Missing(DockerRegistryCredentials c)
    {
        if (c.Username.Length == 0) yield return "user name";
        if (c.PasswordBytes().Length == 0) yield return "password";
        if (c.Server.Length == 0) yield return "server";
    }

    /// <summary>The bytes of .dockerconfigjson as kubectl 1.32 marshals them (empty fields omitted).</summary>
    internal static byte[] DockerConfigJson(DockerRegistryCredentials c)
    {
        var username = Encoding.UTF8.GetBytes(c.Username);
        var auth = new byte[username.Length + 1 + c.PasswordBytes().Length];
        username.CopyTo(auth, 0);
        auth[username.Length] = (byte)':';
        c.PasswordBytes().CopyTo(auth.AsSpan(username.Length + 1));

        var json = new List<byte>();
        GoJson.Ascii(json, "{\"auths\":{");
        GoJson.WriteString(json, c.Server);
        GoJson.Ascii(json, ":{");
        var first = true;
        void Field(string field, ReadOnlySpan<byte> value)
        {
            if (value.Length == 0) return;
            if (!first) json.Add((byte)',');
            first = false;
            GoJson.WriteString(json, field);
            json.Add((byte)':');
            GoJson.WriteString(json, value);
        }
        Field("username", username);
        Field("password", c.PasswordBytes());
        Field("email", Encoding.UTF8.GetBytes(c.Email ?? ""));
        Field("auth", Encoding.ASCII.GetBytes(Convert.ToBase64String(auth)));
        GoJson.Ascii(json, "}}}");
        Array.Clear(auth);
        return json.ToArray();
    }

    private static V1Secret Build(string name, string? ns, string? type, IReadOnlyList<DataEntry> entries)
    {
        long total = entries.Sum(e => (long)e.Value.Length);
        if (total > MaxTotalBytes)
            Validation.ThrowIfAny([new K8sErrorCause("data", "FieldValueTooLong",
                $"Too long: must have at most {MaxTotalBytes} bytes (the values hold {total} bytes; largest: {Largest(entries)})")], "Secret", name);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = string.IsNullOrEmpty(ns) ? null : ns },
            Type = type,
            // kubectl prints data sorted by key (a Go map); the server does not care, but a diff with kubectl's stays quiet.
            Data = entries.Count == 0 ? null : entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        };
    }

    internal static string Largest(IEnumerable<DataEntry> entries)
        => string.Join(", ", entries.OrderByDescending(e => e.Value.Length).Take(3).Select(e => $"{e.Key} {e.Value.Length} bytes"));

    internal static void CheckName(string name) => Validation.ThrowIfAny(Validation.ObjectName(name), "Secret", name);

    private static byte[] ReadFile(string path, string secretName) => DataCollector.ReadFile(path, "Secret", secretName);

    private static K8sException Invalid(string name, string errorId, string message, string action)
        => new(new K8sError(errorId, K8sErrorCategory.InvalidArgument, message) { Kind = "Secret", Name = name, RecommendedAction = action });
}
