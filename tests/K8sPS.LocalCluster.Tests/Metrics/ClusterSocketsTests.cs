using System.Net;
using System.Net.Sockets;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>The socket check itself: it must see a process's sockets and flag a remote that is not loopback.</summary>
public class ClusterSocketsTests
{
    [Fact]
    public void A_socket_aimed_outside_loopback_is_flagged_and_loopback_ones_are_not()
    {
        var me = (Environment.ProcessId, "test");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var local = new TcpClient();
        local.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        // UDP connect() only records the peer: no packet leaves. 192.0.2.1 is TEST-NET-1, nobody's address.
        using var outward = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        outward.Connect(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9));

        var sockets = ClusterSockets.Of([me]);
        Assert.Contains(sockets, s => s.Remote.Port == ((IPEndPoint)listener.LocalEndpoint).Port && ClusterSockets.IsLoopback(s.Remote.Address));
        var flagged = ClusterSockets.OutsideLoopback(sockets);
        Assert.Contains(flagged, s => s.Remote.Address.ToString() == "192.0.2.1");
        Assert.DoesNotContain(flagged, s => s.Remote.Port == ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.3.4.5", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:192.168.49.2", false)]
    public void Loopback_is_127_0_0_0_8_and_the_ipv6_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, ClusterSockets.IsLoopback(IPAddress.Parse(address)));
}
