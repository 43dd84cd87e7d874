using System.Text.Json;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Kubelet;
using static K8sPS.Engine.Tests.Kubelet.KubeletData;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>PodEnvironment against the kubelet's makeEnvironmentVariables (1.20): sources, precedence, expansion, failures.</summary>
public class PodEnvironmentTests
{
    private static readonly V1Service Kubernetes = Service("default", "kubernetes", "10.96.0.1", Port(443, "https"));
    private static readonly V1Service Auth = Service("shop", "auth-service", "10.96.12.34", Port(80, "http"), Port(9000, "grpc"));

    private static PodLookups FullLookups(IEnumerable<V1Service>? services = null) => Lookups(
        secrets: [Secret("db-creds", new() { ["username"] = "admin", ["password"] = "hunter2", ["HOST"] = "db.internal", ["bad-key!"] = "z" })],
        configMaps:
        [
            ConfigMap("app-config", new() { ["log-level"] = "debug", ["MODE"] = "from-configmap", ["app.name"] = "shop", ["bad key"] = "x", ["1BAD"] = "y" }),
            ConfigMap("overrides", new() { ["MODE"] = "from-overrides" }),
        ],
        services: services ?? [Kubernetes, Auth, Service("shop", "headless", "None", Port(80)), Service("other", "elsewhere", "10.96.9.9", Port(80)), new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "external", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "db.example.com" },
        }],
        allocatable: Allocatable());

    private static ContainerEnvironment Full() => PodEnvironment.Compute(Pod("env-pod.yaml"), "web", FullLookups());

    private static string V(ContainerEnvironment env, string name) => (env[name] ?? throw new InvalidOperationException(name + " not set")).RevealValue();

    [Fact]
    public void Service_links_are_made_for_services_with_a_cluster_ip_as_the_kubelet_names_them()
    {
        var env = Full();
        var links = env.Variables.Where(v => v.Origin.Kind == EnvVarOriginKind.ServiceLink).Select(v => $"{v.Name}={v.RevealValue()}").ToList();
        Assert.Equal(
        [
            "AUTH_SERVICE_SERVICE_HOST=10.96.12.34",
            "AUTH_SERVICE_SERVICE_PORT=80",
            "AUTH_SERVICE_SERVICE_PORT_HTTP=80",
            "AUTH_SERVICE_SERVICE_PORT_GRPC=9000",
            "AUTH_SERVICE_PORT=tcp://10.96.12.34:80",
            "AUTH_SERVICE_PORT_80_TCP=tcp://10.96.12.34:80",
            "AUTH_SERVICE_PORT_80_TCP_PROTO=tcp",
            "AUTH_SERVICE_PORT_80_TCP_PORT=80",
            "AUTH_SERVICE_PORT_80_TCP_ADDR=10.96.12.34",
            "AUTH_SERVICE_PORT_9000_TCP=tcp://10.96.12.34:9000",
            "AUTH_SERVICE_PORT_9000_TCP_PROTO=tcp",
            "AUTH_SERVICE_PORT_9000_TCP_PORT=9000",
            "AUTH_SERVICE_PORT_9000_TCP_ADDR=10.96.12.34",
            "KUBERNETES_SERVICE_HOST=10.96.0.1",
            "KUBERNETES_SERVICE_PORT=443",
            "KUBERNETES_SERVICE_PORT_HTTPS=443",
            "KUBERNETES_PORT=tcp://10.96.0.1:443",
            "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
            "KUBERNETES_PORT_443_TCP_PROTO=tcp",
            "KUBERNETES_PORT_443_TCP_PORT=443",
            "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
        ], links);
        // Headless, ExternalName and other namespaces' services get none.
        Assert.DoesNotContain(env.Variables, v => v.Name.StartsWith("HEADLESS_", StringComparison.Ordinal) || v.Name.StartsWith("EXTERNAL_", StringComparison.Ordinal) || v.Name.StartsWith("ELSEWHERE_", StringComparison.Ordinal));
        Assert.Equal(0, env.Variables.ToList().FindIndex(v => v.Name == "AUTH_SERVICE_SERVICE_HOST")); // service links come first
    }

    [Fact]
    public void Without_service_links_only_the_kubernetes_service_is_linked()
    {
        var pod = Pod("env-pod.yaml");
        pod.Spec.EnableServiceLinks = false;
        var env = PodEnvironment.Compute(pod, "web", FullLookups());
        var links = env.Variables.Where(v => v.Origin.Kind == EnvVarOriginKind.ServiceLink).Select(v => v.Name).ToList();
        Assert.All(links, n => Assert.StartsWith("KUBERNETES_", n, StringComparison.Ordinal));
        Assert.Equal(8, links.Count);
        // $(AUTH_SERVICE_SERVICE_HOST) now names nothing and stays as written.
        Assert.Equal("http://$(AUTH_SERVICE_SERVICE_HOST):$(AUTH_SERVICE_SERVICE_PORT)/login", V(env, "AUTH_URL"));
        Assert.Equal(["AUTH_SERVICE_SERVICE_HOST", "AUTH_SERVICE_SERVICE_PORT"], env["AUTH_URL"]!.UnresolvedReferences);
    }

    [Fact]
    public void A_udp_port_and_an_ipv6_cluster_ip_are_written_as_the_kubelet_writes_them()
    {
        var dns = Service("shop", "my-dns", "fd00::a", Port(53, "dns", "UDP"));
        var vars = ServiceLinks.Variables(dns).ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("udp://[fd00::a]:53", vars["MY_DNS_PORT"]);
        Assert.Equal("udp", vars["MY_DNS_PORT_53_UDP_PROTO"]);
        Assert.Equal("fd00::a", vars["MY_DNS_PORT_53_UDP_ADDR"]);
        Assert.Equal("53", vars["MY_DNS_SERVICE_PORT_DNS"]);
    }

    [Fact]
    public void A_service_named_kubernetes_in_the_pods_namespace_wins_over_the_masters()
    {
        var own = Service("shop", "kubernetes", "10.96.77.77", Port(8443));
        foreach (var services in new[] { new[] { Kubernetes, own }, [own, Kubernetes] })
        {
            var env = PodEnvironment.Compute(Pod("env-pod.yaml"), "web", FullLookups(services));
            Assert.Equal("10.96.77.77", V(env, "KUBERNETES_SERVICE_HOST"));
        }
    }

    [Fact]
    public void Env_from_takes_valid_keys_with_their_prefix_and_reports_the_others_as_the_kubelet_does()
    {
        var env = Full();
        Assert.Equal("shop", V(env, "app.name"));
        Assert.Equal("debug", V(env, "log-level"));
        Assert.Equal("admin", V(env, "DB_username"));
        Assert.Null(env["bad key"]);
        Assert.Null(env["1BAD"]);
        Assert.Null(env["DB_bad-key!"]);
        Assert.Equal(
        [
            new KubeletEvent("Warning", "InvalidEnvironmentVariableNames", "Keys [1BAD, bad key] from the EnvFrom configMap shop/app-config were skipped since they are considered invalid environment variable names."),
            new KubeletEvent("Warning", "InvalidEnvironmentVariableNames", "Keys [DB_bad-key!] from the EnvFrom secret shop/db-creds were skipped since they are considered invalid environment variable names."),
        ], env.Events);
    }

    [Fact]
    public void Env_wins_over_env_from_and_a_later_env_from_over_an_earlier_one()
    {
        var mode = Full()["MODE"]!;
        Assert.Equal("from-env", mode.Value);
        Assert.Equal(EnvVarOriginKind.Value, mode.Origin.Kind);
        Assert.Equal(["app-config", "overrides"], mode.Overrides.Select(o => o.ObjectName));
    }

    [Fact]
    public void Field_refs_give_the_pods_fields()
    {
        var env = Full();
        Assert.Equal("web-7d9f", V(env, "POD_NAME"));
        Assert.Equal("shop", V(env, "POD_NAMESPACE"));
        Assert.Equal("0b5e6a4c-1111-4a2b-9c3d-5e6f7a8b9c0d", V(env, "POD_UID"));
        Assert.Equal("web", V(env, "APP_LABEL"));
        Assert.Equal("alice", V(env, "OWNER"));
        Assert.Equal("app=\"web\"\ntier=\"front\"", V(env, "ALL_LABELS"));
        Assert.Equal("note=\"say \\\"hi\\\"\\\\n\"\nteam.example.com/owner=\"alice\"", V(env, "ALL_ANNOTATIONS"));
        Assert.Equal("node-1", V(env, "NODE_NAME"));
        Assert.Equal("web-sa", V(env, "SA"));
        Assert.Equal("192.168.49.2", V(env, "HOST_IP"));
        Assert.Equal("10.244.1.7", V(env, "POD_IP"));
        Assert.Equal("10.244.1.7,fd00:10:244:1::7", V(env, "POD_IPS"));
        Assert.Equal("metadata.labels['app']", env["APP_LABEL"]!.Origin.Key);
    }

    [Fact]
    public void Resource_field_refs_divide_round_up_and_take_unset_limits_from_the_node()
    {
        var env = Full();
        Assert.Equal("500", V(env, "CPU_MILLIS"));
        Assert.Equal("1", V(env, "CPU_CORES")); // 0.5 core rounded up
        Assert.Equal("256", V(env, "MEMORY_MI"));
        Assert.Equal("268435456", V(env, "MEMORY_REQUEST")); // requests default to limits
        Assert.Equal("100", V(env, "EPHEMERAL_LIMIT")); // no limit: the node's allocatable
        Assert.Equal("100", V(env, "SIDECAR_CPU_REQUEST"));
    }

    [Fact]
    public void A_resource_field_ref_without_the_node_fails_as_the_kubelet_fails()
    {
        var env = PodEnvironment.Compute(Pod("env-pod.yaml"), "web", FullLookups() with { NodeAllocatable = null });
        Assert.Equal("failed to find node object, expected a node", env.Failure!.Message);
        Assert.Equal("spec.containers[0].env[12].valueFrom.resourceFieldRef", env.Failure.Field);
    }

    [Fact]
    public void Key_refs_take_one_key_and_a_secrets_value_is_marked_secret()
    {
        var env = Full();
        Assert.Equal("debug", V(env, "LOG_LEVEL"));
        var password = env["PASSWORD"]!;
        Assert.True(password.IsSecret);
        Assert.Null(password.Value);
        Assert.Equal("hunter2", password.RevealValue());
        Assert.Equal(new EnvVarOrigin(EnvVarOriginKind.SecretKey, "spec.containers[0].env[19]", "db-creds", "password"), password.Origin);
        Assert.False(env["LOG_LEVEL"]!.IsSecret);
        Assert.True(env["DB_HOST"]!.IsSecret);
    }

    [Fact]
    public void Expansion_uses_earlier_variables_only_and_a_secret_it_pulls_in_makes_the_result_secret()
    {
        var env = Full();
        var url = env["DATABASE_URL"]!;
        Assert.Equal("postgres://admin:hunter2@db.internal:5432/shop", url.RevealValue());
        Assert.True(url.IsSecret);
        Assert.Equal(["DB_username", "PASSWORD", "DB_HOST"], url.References);
        Assert.Equal("http://10.96.12.34:80/login", V(env, "AUTH_URL"));
        Assert.False(env["AUTH_URL"]!.IsSecret);
        Assert.Equal("$(POD_NAME) costs $5 and web-7d9f", V(env, "ESCAPED"));
        Assert.Equal("$(LATE) and $(NOWHERE)", V(env, "EARLY")); // LATE comes later: left as written
        Assert.Equal(["LATE", "NOWHERE"], env["EARLY"]!.UnresolvedReferences);
        Assert.Equal("", V(env, "EMPTY"));
    }

    [Fact]
    public void Env_variables_come_in_declaration_order_after_env_from()
    {
        var names = Full().Variables.Where(v => v.Origin.Kind is not EnvVarOriginKind.ServiceLink).Select(v => v.Name).ToList();
        Assert.Equal(["app.name", "log-level", "DB_HOST", "DB_password", "DB_username", "POD_NAME"], names.Take(6));
        Assert.Equal(["LATE", "MODE", "EMPTY"], names.TakeLast(3));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Env_overrides_a_service_link_of_the_same_name()
    {
        var pod = Pod("env-pod.yaml");
        pod.Spec.Containers[0].Env.Add(new V1EnvVar { Name = "AUTH_SERVICE_SERVICE_HOST", Value = "override" });
        var env = PodEnvironment.Compute(pod, "web", FullLookups());
        var host = Assert.Single(env.Variables, v => v.Name == "AUTH_SERVICE_SERVICE_HOST");
        Assert.Equal("override", host.Value);
        Assert.Equal(EnvVarOriginKind.ServiceLink, Assert.Single(host.Overrides).Kind);
    }

    [Theory]
    [InlineData("secret-missing", "secret \"nope\" not found", "spec.containers[0].env[0]")]
    [InlineData("secret-key-missing", "couldn't find key nokey in Secret shop/db-creds", "spec.containers[0].env[0]")]
    [InlineData("configmap-missing", "configmap \"nope\" not found", "spec.containers[0].env[0]")]
    [InlineData("configmap-key-missing", "couldn't find key nokey in ConfigMap shop/app-config", "spec.containers[0].env[0]")]
    [InlineData("envfrom-secret-missing", "secret \"nope\" not found", "spec.containers[0].envFrom[0]")]
    [InlineData("envfrom-configmap-missing", "configmap \"nope\" not found", "spec.containers[0].envFrom[0]")]
    [InlineData("bad-field", "field label not supported: spec.hostname", "spec.containers[0].env[0].valueFrom.fieldRef")]
    public void What_is_missing_stops_the_container_with_the_kubelets_error(string caseName, string message, string field)
    {
        var env = PodEnvironment.Compute(OneVariablePod(caseName, optional: false), "app", FullLookups());
        var failure = Assert.IsType<ContainerStartFailure>(env.Failure);
        Assert.Equal("CreateContainerConfigError", failure.Reason);
        Assert.Equal(message, failure.Message);
        Assert.Equal(field, failure.Field);
        Assert.Equal(new KubeletEvent("Warning", "Failed", "Error: " + message), failure.Event);
        Assert.Empty(env.Variables);
        var error = failure.ToError("p", "shop");
        Assert.Equal("CreateContainerConfigError", error.ErrorId);
        Assert.Equal(caseName == "bad-field" ? K8sErrorCategory.InvalidArgument : K8sErrorCategory.NotFound, error.Category);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret-missing")]
    [InlineData("secret-key-missing")]
    [InlineData("configmap-missing")]
    [InlineData("configmap-key-missing")]
    [InlineData("envfrom-secret-missing")]
    [InlineData("envfrom-configmap-missing")]
    public void What_is_missing_but_optional_is_left_out_and_noted(string caseName)
    {
        var env = PodEnvironment.Compute(OneVariablePod(caseName, optional: true), "app", FullLookups());
        Assert.Null(env.Failure);
        Assert.Null(env["X"]);
        Assert.Single(env.Notes);
    }

    [Fact]
    public void An_optional_ref_that_is_missing_leaves_a_service_link_of_that_name_in_place()
    {
        var pod = OneVariablePod("secret-missing", optional: true);
        pod.Spec.Containers[0].Env[0].Name = "AUTH_SERVICE_SERVICE_HOST";
        var env = PodEnvironment.Compute(pod, "app", FullLookups());
        Assert.Equal("10.96.12.34", env["AUTH_SERVICE_SERVICE_HOST"]!.Value);
    }

    [Fact]
    public void An_unknown_container_is_named_with_the_ones_there_are()
    {
        var error = Assert.Throws<K8sException>(() => PodEnvironment.Compute(Pod("env-pod.yaml"), "nope", FullLookups())).Error;
        Assert.Equal("ContainerNotFound", error.ErrorId);
        Assert.Contains("web, sidecar", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_or_serializing_the_environment_shows_no_secret_value()
    {
        var env = Full();
        var shown = string.Join("\n", env.Variables.Select(v => v.ToString())) + JsonSerializer.Serialize(env);
        Assert.DoesNotContain("hunter2", shown, StringComparison.Ordinal);
        Assert.Contains("PASSWORD=<secret, 7 bytes>", shown, StringComparison.Ordinal);
        Assert.Contains("POD_NAME=web-7d9f", shown, StringComparison.Ordinal);
    }

    private static V1Pod OneVariablePod(string caseName, bool optional)
    {
        var container = new V1Container { Name = "app", Image = "busybox", Env = [], EnvFrom = [] };
        switch (caseName)
        {
            case "secret-missing":
                container.Env.Add(new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = "password", Name = "nope", Optional = optional } } });
                break;
            case "secret-key-missing":
                container.Env.Add(new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = "nokey", Name = "db-creds", Optional = optional } } });
                break;
            case "configmap-missing":
                container.Env.Add(new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = "k", Name = "nope", Optional = optional } } });
                break;
            case "configmap-key-missing":
                container.Env.Add(new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = "nokey", Name = "app-config", Optional = optional } } });
                break;
            case "envfrom-secret-missing":
                container.EnvFrom.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "nope", Optional = optional } });
                break;
            case "envfrom-configmap-missing":
                container.EnvFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "nope", Optional = optional } });
                break;
            case "bad-field":
                container.Env.Add(new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.hostname" } } });
                break;
        }
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "shop" },
            Spec = new V1PodSpec { Containers = [container] },
        };
    }
}
