using System.Net;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Hands out pod IPs of one node's IPv4 CIDR, lowest free first, skipping the network address,
/// the gateway (.1) and the broadcast address, as host-local IPAM does. Thread-safe.
/// </summary>
public sealed class PodIpAllocator
{
    private readonly uint _first;
    private readonly uint _last;
    private readonly HashSet<uint> _inUse = new();
    private readonly object _gate = new();

    public PodIpAllocator(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix) || prefix < 8 || prefix > 30)
            throw new ArgumentException($"'{cidr}' is not an IPv4 CIDR between /8 and /30.", nameof(cidr));
        var mask = uint.MaxValue << (32 - prefix);
        var network = ToUInt(address) & mask;
        Cidr = cidr;
        _first = network + 2;
        _last = (network | ~mask) - 1;
    }

    public string Cidr { get; }

    public int Capacity => (int)(_last - _first + 1);

    public int InUseCount { get { lock (_gate) return _inUse.Count; } }

    /// <summary>The lowest free address, or null when the range is exhausted.</summary>
    public string? Allocate()
    {
        lock (_gate)
        {
            for (var candidate = _first; candidate <= _last; candidate++)
                if (_inUse.Add(candidate)) return ToText(candidate);
            return null;
        }
    }

    /// <summary>Marks an address already given out (found on a pod after a restart) as taken. False when outside the range.</summary>
    public bool Reserve(string ip)
    {
        if (!TryParseInRange(ip, out var value)) return false;
        lock (_gate) _inUse.Add(value);
        return true;
    }

    public void Release(string ip)
    {
        if (!TryParseInRange(ip, out var value)) return;
        lock (_gate) _inUse.Remove(value);
    }

    public bool IsInUse(string ip)
    {
        if (!TryParseInRange(ip, out var value)) return false;
        lock (_gate) return _inUse.Contains(value);
    }

    private bool TryParseInRange(string ip, out uint value)
    {
        value = 0;
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        value = ToUInt(address);
        return value >= _first && value <= _last;
    }

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static string ToText(uint value) =>
        $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
