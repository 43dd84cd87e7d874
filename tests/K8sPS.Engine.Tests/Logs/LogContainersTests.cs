using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Logs;

namespace K8sPS.Engine.Tests.Logs;

public class LogContainersTests
{
    private static V1Pod Pod(string[] containers, string[]? init = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "shop", Annotations = annotations },
        Spec = new V1PodSpec
        {
            Containers = containers.Select(c => new V1Container { Name = c, Image = "nginx" }).ToList(),
            InitContainers = init?.Select(c => new V1Container { Name = c, Image = "busybox" }).ToList(),
        },
    };

    [Fact]
    public void The_only_container_is_the_default()
    {
        var source = Assert.Single(LogContainers.Choose(Pod(["app"], ["migrate"]), null, false));
        Assert.Equal(new LogSource("shop", "web-1", "app"), source);
        Assert.Equal("[pod/web-1/app] ", source.Prefix);
    }

    [Fact]
    public void Several_containers_without_a_name_read_the_first_with_kubectls_notice()
    {
        var warnings = new List<string>();
        var source = Assert.Single(LogContainers.Choose(Pod(["app", "proxy"], ["migrate"]), null, false, warnings.Add));
        Assert.Equal("app", source.Container);
        Assert.Equal(["Defaulted container \"app\" out of: app, proxy, migrate (init)"], warnings);
    }

    [Fact]
    public void A_pod_without_containers_is_kubectls_error()
    {
        var e = Assert.Throws<K8sException>(() => LogContainers.Choose(Pod([], ["migrate"]), null, false));
        Assert.Equal("ContainerNameRequired", e.Error.ErrorId);
        Assert.Equal("web-1", e.Error.Name);
    }

    [Theory]
    [InlineData(LogContainers.DefaultContainerAnnotation)]
    [InlineData(LogContainers.DefaultLogsContainerAnnotation)]
    public void The_default_container_annotation_chooses(string annotation)
    {
        var pod = Pod(["app", "proxy"], annotations: new() { [annotation] = "proxy" });
        Assert.Equal("proxy", Assert.Single(LogContainers.Choose(pod, null, false)).Container);
    }

    [Fact]
    public void An_annotation_naming_no_container_is_a_warning_then_the_usual_rule()
    {
        var warnings = new List<string>();
        var pod = Pod(["app"], annotations: new() { [LogContainers.DefaultContainerAnnotation] = "gone" });
        Assert.Equal("app", Assert.Single(LogContainers.Choose(pod, null, false, warnings.Add)).Container);
        Assert.Equal(["Default container name \"gone\" not found in pod web-1"], warnings);
    }

    [Fact]
    public void A_named_init_container_is_read_and_an_unknown_name_is_kubectls_error()
    {
        Assert.Equal("migrate", Assert.Single(LogContainers.Choose(Pod(["app"], ["migrate"]), "migrate", false)).Container);
        var e = Assert.Throws<K8sException>(() => LogContainers.Choose(Pod(["app"], ["migrate"]), "ap", false));
        Assert.Equal("ContainerNotFound", e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, e.Error.Category);
        Assert.Equal("container ap is not valid for pod web-1", e.Error.Message);
        Assert.Contains("containers app; init containers migrate", e.Error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void All_containers_are_init_containers_first_and_refuse_a_name_too()
    {
        var all = LogContainers.Choose(Pod(["app", "proxy"], ["migrate"]), null, true);
        Assert.Equal(["migrate", "app", "proxy"], all.Select(s => s.Container));
        var e = Assert.Throws<K8sException>(() => LogContainers.Choose(Pod(["app"]), "app", true));
        Assert.Equal("-AllContainers should not be specified with container name app", e.Error.Message);
    }
}
