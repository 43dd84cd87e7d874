using System.Net;
using System.Net.Sockets;

namespace K8sPS.Engine.LocalCluster;

/// <summary>Free-port checks on 127.0.0.1, the only address a local cluster listens on.</summary>
public static class PortProbe
{
    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/> (a bind succeeds).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Without ExclusiveAddressUse a listener bound to 0.0.0.0 could go unnoticed on some platforms.
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port the kernel considers free now, skipping <paramref name="exclude"/> (ports already handed out).</summary>
    public static int FindFree(ICollection<int>? exclude = null)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (exclude is null || !exclude.Contains(port)) return port;
        }
        throw new InvalidOperationException("no free TCP port on 127.0.0.1");
    }
}
