using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Networking;

namespace K8sPS.Engine.Tests.Networking;

/// <summary>ServiceResolver against the resolver's search rules (ndots 5) and CoreDNS's kubernetes plugin answers.</summary>
public class ServiceResolverTests
{
    private static readonly DnsSettings Shop = DnsSettings.ForNamespace("shop");

    private static V1Service Svc(string ns, string name, string clusterIp, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = clusterIp, Ports = ports.ToList(), Type = "ClusterIP" },
    };

    private static V1ServicePort Port(string? name, int port, string target = "8080") => new() { Name = name, Port = port, Protocol = "TCP", TargetPort = target };

    private static V1EndpointAddress Address(string ip, string? pod = null, string? hostname = null)
        => new() { Ip = ip, Hostname = hostname, TargetRef = pod is null ? null : new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "shop" }, NodeName = "node-1" };

    private static V1Endpoints Eps(string ns, string name, V1EndpointAddress[] ready, V1EndpointAddress[]? notReady = null, params Corev1EndpointPort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Subsets = [new V1EndpointSubset { Addresses = ready.ToList(), NotReadyAddresses = notReady?.ToList(), Ports = ports.ToList() }],
    };

    private static V1Pod PodOf(string name, string ip, string? hostname = null, string? subdomain = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Spec = new V1PodSpec { Hostname = hostname, Subdomain = subdomain, NodeName = "node-1", Containers = [] },
        Status = new V1PodStatus { PodIP = ip },
    };

    private static readonly ClusterDnsData Cluster = new()
    {
        Namespaces = ["default", "shop", "kube-system"],
        Services =
        [
            Svc("shop", "auth-service", "10.96.12.34", Port("http", 80)),
            Svc("shop", "my-service", "None", Port("web", 80)),
            Svc("shop", "empty-headless", "None", Port("web", 80)),
            Svc("shop", "no-endpoints", "10.96.5.5", Port(null, 80)),
            Svc("shop", "web", "10.96.6.6", Port(null, 80)),
            Svc("shop", "db", "None", Port(null, 5432, "5432")),
            new V1Service { Metadata = new V1ObjectMeta { Name = "external", NamespaceProperty = "shop" }, Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "db.example.com" } },
            new V1Service { Metadata = new V1ObjectMeta { Name = "external-ip", NamespaceProperty = "shop" }, Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "192.0.2.10" } },
            new V1Service { Metadata = new V1ObjectMeta { Name = "dual", NamespaceProperty = "shop" }, Spec = new V1ServiceSpec { ClusterIP = "10.96.30.30", ClusterIPs = ["10.96.30.30", "fd00::30"], Ports = [Port(null, 80)] } },
            Svc("default", "kubernetes", "10.96.0.1", Port("https", 443, "6443")),
            Svc("default", "billing", "10.96.20.20", Port("http", 8080)),
        ],
        Endpoints =
        [
            Eps("shop", "auth-service", [Address("10.244.1.5", "auth-abc"), Address("10.244.2.6", "auth-def")], [Address("10.244.3.7", "auth-ghi")], new Corev1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }),
            Eps("shop", "my-service", [Address("10.244.1.10", "my-app-0", "my-app-0"), Address("10.244.2.11", "my-app-1", "my-app-1")], [Address("10.244.3.12", "my-app-2", "my-app-2")], new Corev1EndpointPort { Name = "web", Port = 80, Protocol = "TCP" }),
            Eps("shop", "empty-headless", [], [Address("10.244.3.40", "lonely-0", "lonely-0")]),
            Eps("shop", "web", [Address("10.244.1.20", "web-abc")], null, new Corev1EndpointPort { Port = 80, Protocol = "TCP" }),
            Eps("shop", "db", [Address("10.244.1.30", "db-0")]),
            Eps("default", "kubernetes", [Address("192.168.49.2")], null, new Corev1EndpointPort { Name = "https", Port = 6443, Protocol = "TCP" }),
        ],
        Pods =
        [
            PodOf("my-app-0", "10.244.1.10", "my-app-0", "my-service"),
            PodOf("web-abc", "10.244.1.20"),
            PodOf("db-0", "10.244.1.30", "db-0", "dbs"),
        ],
    };

    [Fact]
    public void A_short_name_resolves_in_the_pods_namespace_first()
    {
        var r = ServiceResolver.Resolve("auth-service", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(DnsAnswerKind.ClusterIP, r.Kind);
        Assert.Equal("auth-service.shop.svc.cluster.local.", r.AnsweredName);
        Assert.Equal(["10.96.12.34"], r.Addresses);
        Assert.Equal([new ServicePortInfo("http", 80, "TCP", "8080")], r.Ports);
        Assert.Equal(["10.244.1.5", "10.244.2.6"], r.ReadyEndpoints.Select(e => e.Ip));
        Assert.Equal("auth-abc", r.ReadyEndpoints[0].PodName);
        Assert.Equal(["10.244.3.7"], r.NotReadyEndpoints.Select(e => e.Ip));
        Assert.Single(r.Attempts);
        Assert.Equal("", r.Explanation);
    }

    [Theory]
    [InlineData("auth-service.shop", 2)]
    [InlineData("auth-service.shop.svc", 3)]
    [InlineData("auth-service.shop.svc.cluster.local", 4)] // 4 dots < ndots 5: the search list is tried first
    [InlineData("auth-service.shop.svc.cluster.local.", 1)] // absolute
    [InlineData("AUTH-SERVICE.Shop", 2)] // DNS ignores case
    public void Every_form_of_the_name_reaches_the_same_record(string name, int attempts)
    {
        var r = ServiceResolver.Resolve(name, Shop, Cluster);
        Assert.True(r.Resolved, r.Explanation);
        Assert.Equal("10.96.12.34", Assert.Single(r.Addresses));
        Assert.Equal(attempts, r.Attempts.Count);
        Assert.All(r.Attempts.SkipLast(1), a => Assert.NotEqual(DnsOutcome.Answer, a.Outcome));
        Assert.Equal("auth-service", r.ServiceName);
    }

    [Fact]
    public void The_search_list_and_ndots_decide_the_order_of_names_tried()
    {
        var r = ServiceResolver.Resolve("billing", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.Equal(["billing.shop.svc.cluster.local.", "billing.svc.cluster.local.", "billing.cluster.local.", "billing."], r.Attempts.Select(a => a.Name));
        Assert.Equal([DnsOutcome.NameError, DnsOutcome.NameError, DnsOutcome.NameError, DnsOutcome.Upstream], r.Attempts.Select(a => a.Outcome));

        var many = ServiceResolver.Resolve("a.b.c.d.e.f", Shop, Cluster); // 5 dots: as it is first
        Assert.Equal("a.b.c.d.e.f.", many.Attempts[0].Name);
        Assert.Equal(DnsOutcome.Upstream, many.Attempts[0].Outcome);
    }

    [Fact]
    public void A_service_of_another_namespace_needs_its_namespace_and_the_error_says_so()
    {
        var r = ServiceResolver.Resolve("billing", Shop, Cluster);
        Assert.StartsWith("there is no service billing in namespace shop; a service billing exists in namespace default: use billing.default", r.Explanation, StringComparison.Ordinal);
        Assert.True(ServiceResolver.Resolve("billing.default", Shop, Cluster).Resolved);
        Assert.False(ServiceResolver.Resolve("auth-service", DnsSettings.ForNamespace("default"), Cluster).Resolved);
    }

    [Fact]
    public void A_namespace_that_does_not_exist_is_named()
    {
        var r = ServiceResolver.Resolve("auth-service.prod", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.Contains("there is no namespace prod", r.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("there is no service auth-service in namespace default", ServiceResolver.Resolve("auth-service.default", Shop, Cluster).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_headless_service_answers_its_ready_endpoints()
    {
        var r = ServiceResolver.Resolve("my-service", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(DnsAnswerKind.Headless, r.Kind);
        Assert.Equal(["10.244.1.10", "10.244.2.11"], r.Addresses);
        Assert.Equal(["my-app-2"], r.NotReadyEndpoints.Select(e => e.PodName));
        Assert.Contains("not ready left out (not ready: 10.244.3.12 (my-app-2))", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_headless_service_without_ready_endpoints_does_not_resolve()
    {
        var r = ServiceResolver.Resolve("empty-headless", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.StartsWith("headless service shop/empty-headless has no ready endpoints (not ready: 10.244.3.40 (lonely-0))", r.Explanation, StringComparison.Ordinal);
        Assert.Equal(DnsOutcome.NameError, r.Attempts[0].Outcome);
    }

    [Fact]
    public void A_cluster_ip_service_without_endpoints_resolves_with_a_warning()
    {
        var r = ServiceResolver.Resolve("no-endpoints", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(["10.96.5.5"], r.Addresses);
        Assert.Contains("has no ready endpoints", r.Explanation, StringComparison.Ordinal);
        Assert.Contains("will fail", r.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my-app-0.my-service")]
    [InlineData("my-app-0.my-service.shop")]
    [InlineData("my-app-0.my-service.shop.svc.cluster.local")]
    public void A_stateful_set_pod_resolves_by_its_hostname_under_its_service(string name)
    {
        var r = ServiceResolver.Resolve(name, Shop, Cluster);
        Assert.True(r.Resolved, r.Explanation);
        Assert.Equal(DnsAnswerKind.Endpoint, r.Kind);
        Assert.Equal(["10.244.1.10"], r.Addresses);
        Assert.Equal("my-app-0", Assert.Single(r.ReadyEndpoints).PodName);
        Assert.Equal("my-app-0.my-service.shop.svc.cluster.local.", r.AnsweredName);
    }

    [Theory]
    [InlineData("my-app-2.my-service", "endpoint my-app-2 of service shop/my-service is not ready")]
    [InlineData("my-app-9.my-service", "service shop/my-service has no ready endpoint with hostname my-app-9")]
    [InlineData("web-abc.web", "pod web-abc has no spec.hostname")]
    [InlineData("db-0.db", "pod db-0 has spec.subdomain \"dbs\", not \"db\"")]
    [InlineData("x.external", "service shop/external is an ExternalName service, which has no endpoints")]
    public void A_pod_name_that_does_not_resolve_says_why(string name, string why)
    {
        var r = ServiceResolver.Resolve(name, Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.StartsWith(why, r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_without_a_hostname_answers_to_its_ip_with_dashes()
    {
        var r = ServiceResolver.Resolve("10-244-1-20.web", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(["10.244.1.20"], r.Addresses);
    }

    [Fact]
    public void External_name_gives_a_cname_and_an_ip_external_name_gives_nothing()
    {
        var r = ServiceResolver.Resolve("external", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(DnsAnswerKind.ExternalName, r.Kind);
        Assert.Equal("db.example.com", r.CanonicalName);
        Assert.Empty(r.Addresses);

        var ip = ServiceResolver.Resolve("external-ip", Shop, Cluster);
        Assert.False(ip.Resolved);
        Assert.Contains("CoreDNS answers only a host name", ip.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dual_stack_service_answers_both_families()
        => Assert.Equal(["10.96.30.30", "fd00::30"], ServiceResolver.Resolve("dual", Shop, Cluster).Addresses);

    [Fact]
    public void Srv_style_names_keep_the_matching_port_only()
    {
        var r = ServiceResolver.Resolve("_http._tcp.auth-service.shop.svc.cluster.local", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal("http", Assert.Single(r.Ports).Name);
        var none = ServiceResolver.Resolve("_grpc._tcp.auth-service.shop.svc.cluster.local.", Shop, Cluster);
        Assert.False(none.Resolved);
        Assert.Equal("service shop/auth-service has no port named grpc with protocol tcp", none.Explanation);
    }

    [Theory]
    [InlineData("a.b.c.auth-service.shop.svc.cluster.local.", "too many labels")]
    [InlineData("auth-service..shop", "empty label")]
    [InlineData("way-too-long-label-way-too-long-label-way-too-long-label-1234567.shop", "at most 63")]
    public void A_malformed_name_is_explained(string name, string why)
    {
        var r = ServiceResolver.Resolve(name, Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.Contains(why, r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_over_253_characters_is_refused_and_search_suffixes_that_make_it_too_long_are_skipped()
    {
        var label = new string('a', 60);
        var tooLong = string.Join(".", Enumerable.Repeat(label, 5));
        Assert.Contains("at most 253", ServiceResolver.Resolve(tooLong, Shop, Cluster).Explanation, StringComparison.Ordinal);
        var nearly = string.Join(".", Enumerable.Repeat(label, 4)); // 243 characters: no search suffix fits
        var r = ServiceResolver.Resolve(nearly, Shop, Cluster);
        Assert.Equal([DnsOutcome.Skipped, DnsOutcome.Skipped, DnsOutcome.Skipped, DnsOutcome.Upstream], r.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public void A_name_outside_the_cluster_is_left_to_the_upstream_dns()
    {
        var r = ServiceResolver.Resolve("example.com", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.True(r.DependsOnUpstream);
        Assert.Contains("forwards it upstream", r.Explanation, StringComparison.Ordinal);
        Assert.Equal(DnsOutcome.Upstream, r.Attempts[^1].Outcome);
    }

    [Fact]
    public void A_namespace_name_exists_but_holds_no_address()
    {
        var r = ServiceResolver.Resolve("shop.svc.cluster.local.", Shop, Cluster);
        Assert.False(r.Resolved);
        Assert.Equal(DnsOutcome.NoData, Assert.Single(r.Attempts).Outcome);
    }

    [Fact]
    public void A_pod_ip_record_answers_the_ip()
    {
        var r = ServiceResolver.Resolve("10-244-1-20.shop.pod.cluster.local", Shop, Cluster);
        Assert.True(r.Resolved);
        Assert.Equal(DnsAnswerKind.Pod, r.Kind);
        Assert.Equal(["10.244.1.20"], r.Addresses);
        Assert.Equal("web-abc", Assert.Single(r.ReadyEndpoints).PodName);
        Assert.False(ServiceResolver.Resolve("not-an-ip.shop.pod.cluster.local", Shop, Cluster).Resolved);
    }

    [Fact]
    public void A_pod_on_the_nodes_resolver_gets_no_cluster_names()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "shop" }, Spec = new V1PodSpec { DnsPolicy = "Default", Containers = [] } };
        var r = ServiceResolver.Resolve("auth-service", DnsSettings.ForPod(pod), Cluster);
        Assert.False(r.Resolved);
        Assert.Contains("dnsPolicy Default", r.Explanation, StringComparison.Ordinal);

        pod.Spec.DnsPolicy = "ClusterFirst";
        pod.Spec.HostNetwork = true;
        Assert.False(DnsSettings.ForPod(pod).UsesClusterDns);
        pod.Spec.DnsPolicy = "ClusterFirstWithHostNet";
        Assert.True(ServiceResolver.Resolve("auth-service", DnsSettings.ForPod(pod), Cluster).Resolved);
    }

    [Fact]
    public void Dns_config_adds_searches_and_sets_ndots()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "shop" },
            Spec = new V1PodSpec
            {
                Containers = [],
                DnsConfig = new V1PodDNSConfig { Searches = ["default.svc.cluster.local"], Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "1" }] },
            },
        };
        var settings = DnsSettings.ForPod(pod);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "default.svc.cluster.local"], settings.Searches);
        Assert.Equal(1, settings.Ndots);
        var r = ServiceResolver.Resolve("billing", settings, Cluster); // 0 dots < 1: search first, and the added domain finds it
        Assert.True(r.Resolved);
        Assert.Equal("billing.default.svc.cluster.local.", r.AnsweredName);
        Assert.Equal(DnsOutcome.Upstream, ServiceResolver.Resolve("auth-service.shop", settings, Cluster).Attempts[0].Outcome); // 1 dot >= ndots 1: as it is first
    }
}
