using System.Globalization;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// The supervisor's command line: <c>run --name N --home DIR --bin DIR --nodes N --kubeconfig FILE [--api-port P] [--foreground]</c>.
/// The cmdlets build it; nothing else is meant to.
/// </summary>
internal sealed record SupervisorOptions
{
    public required string Name { get; init; }
    public required string Home { get; init; }
    public required string BinPath { get; init; }
    public required string KubeconfigPath { get; init; }
    public int NodeCount { get; init; } = 1;
    /// <summary>0: a free port (the one of the previous run when still free).</summary>
    public int ApiServerPort { get; init; }
    /// <summary>Stay in the caller's session with stdio attached (debugging); the cmdlets always detach.</summary>
    public bool Foreground { get; init; }

    public static SupervisorOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "run")
            throw new ArgumentException("usage: k8sps-localcluster run --name N --home DIR --bin DIR --nodes N --kubeconfig FILE [--api-port P] [--foreground]");
        string? name = null, home = null, bin = null, kubeconfig = null;
        int nodes = 1, apiPort = 0;
        var foreground = false;
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--name": name = Value(); break;
                case "--home": home = Value(); break;
                case "--bin": bin = Value(); break;
                case "--kubeconfig": kubeconfig = Value(); break;
                case "--nodes": nodes = ParseInt(args[i], Value(), 1, 1000); break;
                case "--api-port": apiPort = ParseInt(args[i], Value(), 0, 65535); break;
                case "--foreground": foreground = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return new SupervisorOptions
        {
            Name = name ?? throw new ArgumentException("--name is required"),
            Home = home ?? throw new ArgumentException("--home is required"),
            BinPath = bin ?? throw new ArgumentException("--bin is required"),
            KubeconfigPath = kubeconfig ?? throw new ArgumentException("--kubeconfig is required"),
            NodeCount = nodes,
            ApiServerPort = apiPort,
            Foreground = foreground,
        };
    }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "run", "--name", Name, "--home", Home, "--bin", BinPath, "--kubeconfig", KubeconfigPath,
            "--nodes", NodeCount.ToString(CultureInfo.InvariantCulture),
        };
        if (ApiServerPort != 0) args.AddRange(["--api-port", ApiServerPort.ToString(CultureInfo.InvariantCulture)]);
        if (Foreground) args.Add("--foreground");
        return args;
    }

    private static int ParseInt(string flag, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{flag} must be a number from {min} to {max}, not '{value}'");
}
