using k8s.Models;
using K8sPS.Engine.Display;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Networking;

namespace K8sPS.Engine.Tests;

public class ColumnsTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 120, "3h2m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(3 * 365 * 86400 + 86400 * 5, "3y5d")]
    public void Age_reads_like_kubectl(int seconds, string expected)
        => Assert.Equal(expected, Columns.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Pod_status_follows_kubectl()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "a" }, new V1Container { Name = "b" }] },
            Status = new V1PodStatus
            {
                Phase = "Pending",
                ContainerStatuses =
                [
                    new V1ContainerStatus { Name = "a", Ready = true, RestartCount = 2, State = new V1ContainerState { Running = new V1ContainerStateRunning() } },
                    new V1ContainerStatus { Name = "b", Ready = false, RestartCount = 1, State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } } },
                ],
            },
        };
        Assert.Equal("ContainerCreating", Columns.PodStatus(pod));
        Assert.Equal("1/2", Columns.PodReady(pod));
        Assert.Equal(3, Columns.PodRestarts(pod));

        pod.Status.ContainerStatuses[1].State = new V1ContainerState { Running = new V1ContainerStateRunning() };
        pod.Status.Phase = "Running";
        Assert.Equal("Running", Columns.PodStatus(pod));

        pod.Metadata.DeletionTimestamp = DateTime.UtcNow;
        Assert.Equal("Terminating", Columns.PodStatus(pod));
    }

    [Fact]
    public void Init_containers_show_progress()
    {
        var pod = new V1Pod
        {
            Spec = new V1PodSpec { InitContainers = [new V1Container(), new V1Container()], Containers = [new V1Container()] },
            Status = new V1PodStatus
            {
                Phase = "Pending",
                InitContainerStatuses =
                [
                    new V1ContainerStatus { State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0 } } },
                    new V1ContainerStatus { State = new V1ContainerState { Running = new V1ContainerStateRunning() } },
                ],
            },
        };
        Assert.Equal("Init:1/2", Columns.PodStatus(pod));
    }

    [Fact]
    public void Service_columns_read_like_kubectl()
    {
        var svc = new V1Service
        {
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Ports = [new V1ServicePort { Port = 8080, NodePort = 31234, Protocol = "TCP" }, new V1ServicePort { Port = 53, Protocol = "UDP" }],
            },
        };
        Assert.Equal("8080:31234/TCP,53/UDP", Columns.ServicePorts(svc));
        Assert.Equal("<pending>", Columns.ServiceExternalIP(svc));
        svc.Spec.Type = "ClusterIP";
        Assert.Equal("<none>", Columns.ServiceExternalIP(svc));
        Assert.Equal("app=web,tier=db", Columns.LabelText(new Dictionary<string, string> { ["tier"] = "db", ["app"] = "web" }));
    }

    [Fact]
    public void Service_url_is_the_first_ready_node_and_each_node_port()
    {
        var svc = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec { Type = "NodePort", Ports = [new V1ServicePort { Port = 8080, NodePort = 30080 }, new V1ServicePort { Port = 9090, NodePort = 30090 }] },
        };
        V1Node Node(string name, string ip, bool ready) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Status = new V1NodeStatus
            {
                Addresses = [new V1NodeAddress { Type = "Hostname", Address = name }, new V1NodeAddress { Type = "InternalIP", Address = ip }],
                Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            },
        };

        var urls = ServiceUrls.For(svc, [Node("node-b", "10.0.0.3", true), Node("node-a", "10.0.0.2", false), Node("node-c", "10.0.0.4", true)]);
        Assert.Equal(["http://10.0.0.3:30080", "http://10.0.0.3:30090"], urls);

        svc.Spec.Type = "ClusterIP";
        svc.Spec.Ports = [new V1ServicePort { Port = 80 }];
        var error = Assert.Throws<K8sException>(() => ServiceUrls.For(svc, [Node("n", "10.0.0.2", true)])).Error;
        Assert.Equal("NoNodePort", error.ErrorId);
        Assert.Contains("service default/web has no node port", error.Message);
    }
}
