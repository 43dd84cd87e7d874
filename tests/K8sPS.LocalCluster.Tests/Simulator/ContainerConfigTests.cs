using System.Text;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// The simulated kubelet holds a container whose Secret, ConfigMap or key is missing, as a real node does
/// (CreateContainerConfigError with the kubelet's message; ContainerCreating for a volume), and starts it once the
/// object is there.
/// </summary>
[Collection("cluster")]
public sealed class ContainerConfigTests : IClassFixture<SimulatedNodesFixture>, IAsyncLifetime
{
    private readonly IKubernetes _client;
    private readonly string _ns = "simcfg-" + Guid.NewGuid().ToString("N")[..8];

    public ContainerConfigTests(SimulatedNodesFixture nodes) => _client = nodes.Client;

    public Task InitializeAsync() =>
        _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });

    public async Task DisposeAsync()
    {
        await _client.CoreV1.DeleteNamespaceAsync(_ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
            return (pods.Count == 0, $"{pods.Count} pods left in {_ns}");
        }, $"the pods of {_ns} to be deleted");
    }

    private static V1Pod PodReading(string name, V1EnvVar? env = null, V1Volume? volume = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new()
                {
                    Name = "app",
                    Image = "nginx:1.25",
                    Env = env is null ? null : [env],
                    VolumeMounts = volume is null ? null : [new V1VolumeMount { Name = volume.Name, MountPath = "/etc/config" }],
                },
            ],
            Volumes = volume is null ? null : [volume],
        },
    };

    /// <summary>Creates a pod, waiting out 1.20's moment after a namespace is made when its default service account has no token yet.</summary>
    private async Task CreatePodAsync(V1Pod pod)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.CoreV1.CreateNamespacedPodAsync(pod, _ns);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (attempt < 40 && e.Response.StatusCode == System.Net.HttpStatusCode.InternalServerError
                && e.Response.Content.Contains("retry after the token is automatically created", StringComparison.Ordinal))
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task<V1ContainerState> WaitForStateAsync(string pod, Func<V1ContainerState, bool> wanted, string what)
    {
        V1ContainerState? state = null;
        await Eventually.WaitAsync(async () =>
        {
            var p = await _client.CoreV1.ReadNamespacedPodAsync(pod, _ns);
            state = p.Status?.ContainerStatuses?.FirstOrDefault()?.State;
            return (state is not null && wanted(state), $"{p.Status?.Phase}: {(state is null ? "no container status yet" : KubernetesJson.Serialize(state))}");
        }, what);
        return state!;
    }

    [Fact]
    public async Task A_missing_secret_then_a_missing_key_keep_the_container_in_CreateContainerConfigError_until_both_exist()
    {
        var env = new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } };
        await CreatePodAsync(PodReading("app", env));

        var state = await WaitForStateAsync("app", s => s.Waiting?.Reason == "CreateContainerConfigError", "CreateContainerConfigError");
        Assert.Equal("secret \"db\" not found", state.Waiting.Message);
        var pod = await _client.CoreV1.ReadNamespacedPodAsync("app", _ns);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.False(string.IsNullOrEmpty(pod.Status.PodIP)); // the sandbox is up; only the container waits

        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, Data = new Dictionary<string, byte[]> { ["user"] = "root"u8.ToArray() } }, _ns);
        state = await WaitForStateAsync("app", s => s.Waiting?.Message?.StartsWith("couldn't find key", StringComparison.Ordinal) == true, "the missing key's message");
        Assert.Equal($"couldn't find key password in Secret {_ns}/db", state.Waiting.Message);

        await _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(new { data = new { password = Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret")) } }, V1Patch.PatchType.MergePatch), "db", _ns);
        state = await WaitForStateAsync("app", s => s.Running is not null, "the container to run");
        Assert.NotNull(state.Running.StartedAt);
    }

    [Fact]
    public async Task A_missing_configmap_volume_keeps_the_pod_in_ContainerCreating_without_an_IP_and_an_optional_one_does_not()
    {
        var volume = new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } };
        await CreatePodAsync(PodReading("mounted", volume: volume));
        var optional = new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings", Optional = true } };
        await CreatePodAsync(PodReading("optional", volume: optional));

        await WaitForStateAsync("optional", s => s.Running is not null, "the pod with an optional config map to run");
        await Task.Delay(TimeSpan.FromSeconds(1)); // as long as the optional one took, and more
        var pod = await _client.CoreV1.ReadNamespacedPodAsync("mounted", _ns);
        Assert.Equal("ContainerCreating", pod.Status.ContainerStatuses.Single().State.Waiting?.Reason);
        Assert.Null(pod.Status.PodIP);

        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "b" } }, _ns);
        await WaitForStateAsync("mounted", s => s.Running is not null, "the pod to run once its config map exists");
    }
}
