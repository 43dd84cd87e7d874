using k8s.Models;
using K8sPS.Engine.Networking;

namespace K8sPS.Engine.Tests.Networking;

/// <summary>Addresses as containers are given them: host:port, URLs, IPs; and values that are no host name at all.</summary>
public class ServiceAddressTests
{
    private static readonly DnsSettings Shop = DnsSettings.ForNamespace("shop");

    private static readonly ClusterDnsData Cluster = new()
    {
        Namespaces = ["default", "shop"],
        Services =
        [
            new V1Service { Metadata = new V1ObjectMeta { Name = "auth-service", NamespaceProperty = "shop" }, Spec = new V1ServiceSpec { ClusterIP = "10.96.12.34", Ports = [new V1ServicePort { Port = 80, Protocol = "TCP", TargetPort = "8080" }] } },
            new V1Service { Metadata = new V1ObjectMeta { Name = "auth-service", NamespaceProperty = "zz-other" }, Spec = new V1ServiceSpec { ClusterIP = "10.96.99.1", Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }] } },
        ],
        Endpoints =
        [
            new V1Endpoints
            {
                Metadata = new V1ObjectMeta { Name = "auth-service", NamespaceProperty = "shop" },
                Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "10.244.1.5", TargetRef = new V1ObjectReference { Kind = "Pod", Name = "auth-abc" } }], Ports = [new Corev1EndpointPort { Port = 8080, Protocol = "TCP" }] }],
            },
        ],
        Pods = [new V1Pod { Metadata = new V1ObjectMeta { Name = "auth-abc", NamespaceProperty = "shop" }, Spec = new V1PodSpec { Containers = [] }, Status = new V1PodStatus { PodIP = "10.244.1.5" } }],
    };

    [Theory]
    [InlineData("auth-service.shop:80", "auth-service.shop", 80)]
    [InlineData("http://auth-service/login", "auth-service", 80)]
    [InlineData("https://user@auth-service:8443/x?y", "auth-service", 8443)]
    [InlineData("[fd00::1]:443", "fd00::1", 443)]
    [InlineData("10.96.12.34", "10.96.12.34", null)]
    public void Host_and_port_come_apart_as_a_client_reads_them(string address, string host, int? port)
    {
        var (h, p, problem) = ServiceAddress.Split(address);
        Assert.Null(problem);
        Assert.Equal(host, h);
        Assert.Equal(port, p);
    }

    [Fact]
    public void A_name_with_a_port_the_service_has_resolves_to_it_and_the_endpoints_behind_it()
    {
        var r = ServiceAddress.Resolve("auth-service:80", Shop, Cluster);
        Assert.True(r.Resolved, r.Explanation);
        Assert.Equal(80, r.RequestedPort);
        Assert.Equal("10.244.1.5", Assert.Single(r.ReadyEndpoints).Ip);
        Assert.Equal("", r.Explanation);
    }

    [Fact]
    public void A_port_the_service_lacks_resolves_but_says_that_connections_fail()
    {
        var r = ServiceAddress.Resolve("auth-service:8080", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal("service shop/auth-service has no port 8080 (its ports: 80/TCP): connections to port 8080 fail", r.Explanation);
    }

    [Fact]
    public void A_cluster_IP_is_the_services_without_a_lookup_and_a_pod_IP_is_the_pods()
    {
        var byIp = ServiceAddress.Resolve("10.96.12.34:80", Shop, Cluster);
        Assert.True(byIp.Resolved);
        Assert.Equal(DnsAnswerKind.ClusterIP, byIp.Kind);
        Assert.Equal("auth-service", byIp.ServiceName);
        Assert.Empty(byIp.Attempts);
        Assert.Equal("auth-abc", Assert.Single(byIp.ReadyEndpoints).PodName);
        Assert.StartsWith("an IP address, not looked up: the cluster IP of service shop/auth-service", byIp.Explanation, StringComparison.Ordinal);

        var pod = ServiceAddress.Resolve("10.244.1.5", Shop, Cluster);
        Assert.Equal(DnsAnswerKind.Pod, pod.Kind);
        Assert.Contains("changes when the pod is replaced", pod.Explanation, StringComparison.Ordinal);

        var unknown = ServiceAddress.Resolve("10.96.200.200", Shop, Cluster);
        Assert.False(unknown.Resolved);
        Assert.StartsWith("no service has the cluster IP 10.96.200.200", unknown.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_notes_line_918_value_is_not_a_host_name_and_the_error_names_the_part_meant()
    {
        var r = ServiceAddress.Resolve("database-service // database 관련 service 이름(metadata.name)", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.Empty(r.Attempts); // nothing is sent
        Assert.StartsWith("\"database-service // database 관련 service 이름(metadata.name)\" is not a host name: it holds a space, '/', '관'", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("did you mean 'database-service'?", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_namespace_names_the_pods_own_namespace_first()
    {
        var r = ServiceAddress.Resolve("auth-service.default:80", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.StartsWith("there is no service auth-service in namespace default; a service auth-service exists in namespace shop, zz-other: use auth-service.shop", r.Explanation, StringComparison.Ordinal);
    }
}
