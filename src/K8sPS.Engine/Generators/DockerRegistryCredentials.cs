namespace K8sPS.Engine.Generators;

/// <summary>
/// What `kubectl create secret docker-registry` takes: server, user name, password and e-mail. The password is
/// bytes (the caller converts a SecureString or PSCredential); ToString never shows it.
/// </summary>
public sealed class DockerRegistryCredentials
{
    /// <summary>kubectl's default --docker-server: Docker Hub.</summary>
    public const string DockerHub = "https://index.docker.io/v1/";

    private readonly byte[] password;

    public DockerRegistryCredentials(string username, byte[] password, string server = DockerHub, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(password);
        Username = username;
        Server = server;
        Email = email;
        this.password = (byte[])password.Clone();
    }

    public string Server { get; }

    public string Username { get; }

    public string? Email { get; }

    internal ReadOnlySpan<byte> PasswordBytes() => password;

    public override string ToString() => $"{Username}@{Server}";
}
