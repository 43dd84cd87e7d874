using System.Net;
using System.Net.Sockets;
using K8sPS.Engine.Errors;
using K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests;

public sealed class SupervisorOptionsTests
{
    [Fact]
    public void Arguments_round_trip()
    {
        var options = new SupervisorOptions
        {
            Name = "c1", Home = "/h", BinPath = "/b", KubeconfigPath = "/k", NodeCount = 3, ApiServerPort = 6443,
        };
        Assert.Equal(options, SupervisorOptions.Parse(options.ToArguments()));
    }

    [Theory]
    [InlineData("run --name x --home /h --bin /b")]
    [InlineData("run --name x --home /h --bin /b --kubeconfig /k --nodes 0")]
    [InlineData("run --name x --home /h --bin /b --kubeconfig /k --api-port 70000")]
    [InlineData("run --name x --home /h --bin /b --kubeconfig /k --bogus")]
    [InlineData("start --name x")]
    public void Bad_arguments_are_refused(string line) =>
        Assert.Throws<ArgumentException>(() => SupervisorOptions.Parse(line.Split(' ')));
}

public sealed class ControlPlaneArgumentTests
{
    private static readonly ClusterPorts Ports = new() { ApiServer = 1001, EtcdClient = 1002, EtcdPeer = 1003, ControllerManager = 1004, Scheduler = 1005 };

    private static Pki NewPki(out string dir)
    {
        dir = Path.Combine(Path.GetTempPath(), "k8sps-args-" + Guid.NewGuid().ToString("N"));
        return Pki.LoadOrCreate(dir);
    }

    [Fact]
    public void Apiserver_listens_on_loopback_only_with_no_insecure_port_and_rbac()
    {
        var pki = NewPki(out var dir);
        try
        {
            var args = ControlPlane.ApiServerArguments(pki, Ports);
            Assert.Contains("--bind-address=127.0.0.1", args);
            Assert.Contains("--secure-port=1001", args);
            Assert.Contains("--insecure-port=0", args);
            Assert.Contains("--authorization-mode=Node,RBAC", args);
            Assert.Contains("--etcd-servers=https://127.0.0.1:1002", args);
            // Required by 1.20.
            Assert.Contains(args, a => a.StartsWith("--service-account-issuer=", StringComparison.Ordinal));
            Assert.Contains(args, a => a.StartsWith("--service-account-signing-key-file=", StringComparison.Ordinal));
            Assert.Contains(args, a => a.StartsWith("--service-account-key-file=", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Controller_manager_scheduler_and_etcd_bind_their_own_loopback_ports()
    {
        var pki = NewPki(out var dir);
        try
        {
            var cm = ControlPlane.ControllerManagerArguments(pki, Ports, "/k");
            Assert.Contains("--bind-address=127.0.0.1", cm);
            Assert.Contains("--secure-port=1004", cm);
            Assert.Contains("--port=0", cm);
            var scheduler = ControlPlane.SchedulerArguments(pki, Ports, "/k");
            Assert.Contains("--secure-port=1005", scheduler);
            Assert.Contains("--port=0", scheduler);
            var etcd = ControlPlane.EtcdArguments(pki, Ports, "/d");
            Assert.Contains("--listen-client-urls=https://127.0.0.1:1002", etcd);
            Assert.Contains("--listen-peer-urls=http://127.0.0.1:1003", etcd);
            Assert.Contains("--client-cert-auth=true", etcd);
        }
        finally { Directory.Delete(dir, true); }
    }
}

public sealed class PortTests
{
    [Fact]
    public void A_listening_port_is_not_free_and_a_found_port_is()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.False(PortProbe.IsFree(taken));
        var free = PortProbe.FindFree([taken]);
        Assert.NotEqual(taken, free);
        Assert.True(PortProbe.IsFree(free));
    }

    [Fact]
    public void A_taken_apiserver_port_is_a_port_in_use_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        var e = Assert.Throws<K8sException>(() => Supervisor.Supervisor.ChoosePorts(taken, null));
        Assert.Equal(LocalClusterErrors.PortInUseId, e.Error.ErrorId);
        Assert.Equal(taken.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Error.Name);
    }

    [Fact]
    public void Ports_of_the_previous_run_are_reused_when_free_and_all_differ()
    {
        var previous = new ClusterPorts
        {
            ApiServer = PortProbe.FindFree(), EtcdClient = 0, EtcdPeer = 0, ControllerManager = 0, Scheduler = 0,
        };
        var ports = Supervisor.Supervisor.ChoosePorts(0, previous);
        Assert.Equal(previous.ApiServer, ports.ApiServer);
        Assert.Equal(5, ports.All.Select(p => p.Port).Distinct().Count());
    }

    [Fact]
    public void A_taken_previous_port_is_replaced()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ports = Supervisor.Supervisor.ChoosePorts(0, new ClusterPorts { ApiServer = taken });
        Assert.NotEqual(taken, ports.ApiServer);
    }
}
