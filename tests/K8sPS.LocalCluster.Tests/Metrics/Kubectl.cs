using System.Diagnostics;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>Runs the kubectl on PATH (the oracle) against the test cluster's kubeconfig.</summary>
public static class Kubectl
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string kubeconfig, params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test with its stderr when it fails.</summary>
    public static async Task<string> OkAsync(string kubeconfig, params string[] args)
    {
        var (code, output, error) = await RunAsync(kubeconfig, args);
        if (code != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {code}: {error}");
        return output;
    }

    /// <summary>The cells of a kubectl table, lines after the header split at runs of 3+ spaces (cells may hold single spaces).</summary>
    public static List<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => System.Text.RegularExpressions.Regex.Split(l.TrimEnd(), @"\s{3,}"))
            .ToList();
}
