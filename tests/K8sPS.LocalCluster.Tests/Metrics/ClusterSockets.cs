using System.Globalization;
using System.Net;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>One TCP or UDP socket of a process, from /proc/net/{tcp,tcp6,udp,udp6} matched by inode to /proc/&lt;pid&gt;/fd.</summary>
public sealed record ProcessSocket(int Pid, string Process, string Protocol, IPEndPoint Local, IPEndPoint Remote, bool Listening)
{
    public override string ToString() => $"{Process}({Pid}) {Protocol} {Local} -> {Remote}{(Listening ? " LISTEN" : "")}";
}

/// <summary>
/// What the cluster's own processes (supervisor, etcd, kube-apiserver, kube-controller-manager,
/// kube-scheduler) have open, to check that every socket is bound to and connected with loopback only.
/// </summary>
public static class ClusterSockets
{
    /// <summary>The supervisor's and its components' process ids, from the cluster's state.</summary>
    public static IReadOnlyList<(int Pid, string Name)> ProcessesOf(string clusterName)
    {
        var info = LocalClusterManager.Get(clusterName)
            ?? throw new InvalidOperationException($"no local cluster '{clusterName}' (the socket checks need the cluster this test run started)");
        var list = new List<(int, string)> { (info.SupervisorPid, "supervisor") };
        list.AddRange(info.Components.Where(c => c.Pid > 0).Select(c => (c.Pid, c.Name)));
        if (list.Any(p => p.Item1 <= 0) || list.Count < 5)
            throw new InvalidOperationException($"cluster '{clusterName}' is not fully running: {info.Health}");
        return list;
    }

    public static IReadOnlyList<ProcessSocket> Of(IEnumerable<(int Pid, string Name)> processes)
    {
        var byInode = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var (pid, name) in processes)
        {
            string[] fds;
            try { fds = Directory.GetFiles($"/proc/{pid}/fd"); }
            catch (DirectoryNotFoundException) { continue; }
            foreach (var fd in fds)
            {
                string? target;
                try { target = new FileInfo(fd).LinkTarget; }
                catch (IOException) { continue; }
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                    byInode[target[8..^1]] = (pid, name);
            }
        }
        var sockets = new List<ProcessSocket>();
        foreach (var protocol in new[] { "tcp", "tcp6", "udp", "udp6" })
        {
            string[] lines;
            try { lines = File.ReadAllLines($"/proc/net/{protocol}"); }
            catch (FileNotFoundException) { continue; }
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || !byInode.TryGetValue(f[9], out var owner)) continue;
                var listening = protocol.StartsWith("tcp", StringComparison.Ordinal) && f[3] == "0A";
                sockets.Add(new ProcessSocket(owner.Item1, owner.Item2, protocol, EndPoint(f[1]), EndPoint(f[2]), listening));
            }
        }
        return sockets;
    }

    /// <summary>Sockets bound to or talking with anything but loopback (an unconnected remote, 0.0.0.0:0, is fine).</summary>
    public static IReadOnlyList<ProcessSocket> OutsideLoopback(IEnumerable<ProcessSocket> sockets) =>
        sockets.Where(s => !IsLoopback(s.Local.Address) || (!IsUnspecified(s.Remote) && !IsLoopback(s.Remote.Address))).ToList();

    public static bool IsLoopback(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? IPAddress.IsLoopback(address.MapToIPv4()) : IPAddress.IsLoopback(address);

    private static bool IsUnspecified(IPEndPoint e) =>
        e.Port == 0 && (e.Address.Equals(IPAddress.Any) || e.Address.Equals(IPAddress.IPv6Any));

    // /proc/net addresses: hex words in host (little-endian) byte order, then the port in hex.
    private static IPEndPoint EndPoint(string text)
    {
        var (hex, port) = (text.Split(':')[0], int.Parse(text.Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
            for (var b = 0; b < 4; b++)
                bytes[word * 4 + b] = byte.Parse(hex.AsSpan(word * 8 + (3 - b) * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new IPEndPoint(new IPAddress(bytes), port);
    }
}

/// <summary>Samples the cluster's sockets in the background while a test runs, remembering anything not on loopback.</summary>
public sealed class LoopbackWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly HashSet<string> _outside = [];

    public LoopbackWatch(IReadOnlyList<(int Pid, string Name)> processes, TimeSpan every)
    {
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample(processes);
                try { await Task.Delay(every, _stop.Token); } catch (OperationCanceledException) { }
            }
            Sample(processes);
        });
    }

    public int Samples { get; private set; }

    /// <summary>How many sockets the samples saw in all: none would mean the check looked at nothing.</summary>
    public int SocketsSeen { get; private set; }

    private void Sample(IReadOnlyList<(int Pid, string Name)> processes)
    {
        var sockets = ClusterSockets.Of(processes);
        lock (_outside)
        {
            Samples++;
            SocketsSeen += sockets.Count;
            foreach (var s in ClusterSockets.OutsideLoopback(sockets)) _outside.Add(s.ToString());
        }
    }

    /// <summary>Stops sampling and returns what was seen outside loopback.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        lock (_outside) return [.. _outside];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
