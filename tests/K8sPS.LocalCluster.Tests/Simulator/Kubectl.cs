using System.Diagnostics;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>kubectl against the fixture's kubeconfig: the oracle for what a user sees.</summary>
public static class Kubectl
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string kubeconfig, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not end within {timeout.TotalSeconds:0}s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and returns its output, failing the test when it fails.</summary>
    public static async Task<string> OutputAsync(string kubeconfig, params string[] args)
    {
        var result = await RunAsync(kubeconfig, TimeSpan.FromSeconds(60), args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}");
        return result.Output;
    }

    /// <summary>The columns of `kubectl get` lines (no headers), one array per line.</summary>
    public static IReadOnlyList<string[]> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
}
