using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Kubelet;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>A pod's containers as the kubelet sets them up: what they read, the services at their start, the first failure.</summary>
public class PodSetupTests
{
    private static V1Pod Pod(DateTime? started = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "users", NamespaceProperty = "shop" },
        Spec = new V1PodSpec
        {
            InitContainers = [new V1Container { Name = "init", EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "init-settings" } }] }],
            Containers =
            [
                new V1Container
                {
                    Name = "api",
                    Env =
                    [
                        new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } },
                        new V1EnvVar { Name = "MODE", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "mode" } } },
                    ],
                    VolumeMounts = [new V1VolumeMount { Name = "tls", MountPath = "/etc/tls" }],
                },
            ],
            Volumes =
            [
                new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource { SecretName = "web-tls" } },
                new V1Volume { Name = "all", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "ca" } }, new V1VolumeProjection { Secret = new V1SecretProjection { Name = "token" } }] } },
            ],
        },
        Status = started is null ? null : new V1PodStatus
        {
            ContainerStatuses = [new V1ContainerStatus { Name = "api", State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } } }],
        },
    };

    [Fact]
    public void The_secrets_and_config_maps_a_pod_reads_are_those_of_env_envFrom_and_volumes()
    {
        Assert.Equal(["db", "token", "web-tls"], PodReferences.SecretNames(Pod()));
        Assert.Equal(["ca", "init-settings", "settings"], PodReferences.ConfigMapNames(Pod()));
    }

    [Fact]
    public void A_started_container_is_linked_to_the_services_that_existed_then_in_whole_seconds()
    {
        var start = new DateTime(2026, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc);
        var services = new[]
        {
            Service("before", start.AddMinutes(-1)),
            Service("same-second", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            Service("after", start.AddSeconds(2)),
        };
        Assert.Equal(["before", "same-second"], PodSetup.ServicesAt(services, start).Select(s => s.Metadata.Name));
        Assert.Equal(3, PodSetup.ServicesAt(services, null).Count);

        var lookups = KubeletData.Lookups(
            secrets: [KubeletData.Secret("db", new() { ["password"] = "p" }), KubeletData.Secret("web-tls", new() { ["tls.crt"] = "c" })],
            configMaps: [KubeletData.ConfigMap("settings", new() { ["mode"] = "prod" }), KubeletData.ConfigMap("init-settings", new() { ["A"] = "1" })],
            services: services);
        var api = PodSetup.Compute(Pod(start), lookups, "api").Single();
        Assert.Equal(start, api.StartedAt);
        Assert.NotNull(api.Environment["BEFORE_SERVICE_HOST"]);
        Assert.NotNull(api.Environment["SAME_SECOND_SERVICE_HOST"]);
        Assert.Null(api.Environment["AFTER_SERVICE_HOST"]);
        Assert.Null(api.Failure);
        Assert.Equal("/etc/tls/tls.crt", Assert.Single(api.Files.AllFiles).ContainerPath);
    }

    [Fact]
    public void Init_containers_come_first_and_a_volume_that_cannot_be_set_up_is_the_failure_before_the_environment()
    {
        var lookups = KubeletData.Lookups(configMaps: [KubeletData.ConfigMap("init-settings", new() { ["A"] = "1" })]);
        var all = PodSetup.Compute(Pod(), lookups);
        Assert.Equal(["init", "api"], all.Select(c => c.ContainerName));
        Assert.True(all[0].IsInitContainer);
        Assert.Null(all[0].Failure);
        var api = all[1];
        Assert.Equal(ContainerStartFailure.ContainerCreating, api.Failure!.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"tls\" : secret \"web-tls\" not found", api.Failure.Message);
        Assert.Equal(ContainerStartFailure.CreateContainerConfigError, api.Environment.Failure!.Reason);

        var withVolume = KubeletData.Lookups(secrets: [KubeletData.Secret("web-tls", new() { ["tls.crt"] = "c" })]);
        var env = PodSetup.Compute(Pod(), withVolume, "api").Single().Failure!;
        Assert.Equal(ContainerStartFailure.CreateContainerConfigError, env.Reason);
        Assert.Equal("secret \"db\" not found", env.Message);
        Assert.Equal("spec.containers[0].env[0]", env.Field);
    }

    [Fact]
    public void An_unknown_container_is_the_kubelets_error()
        => Assert.Equal("ContainerNotFound", Assert.Throws<Errors.K8sException>(() => PodSetup.Compute(Pod(), KubeletData.Lookups(), "nope")).Error.ErrorId);

    private static V1Service Service(string name, DateTime created)
    {
        var s = KubeletData.Service("shop", name, "10.96.0." + (name.Length + 10).ToString(System.Globalization.CultureInfo.InvariantCulture), KubeletData.Port(80));
        s.Metadata.CreationTimestamp = created;
        return s;
    }
}
