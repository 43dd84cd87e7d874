using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class PodStatusPatchTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly NodeSimulatorOptions Options = new() { ContainerCreatingDuration = TimeSpan.FromMilliseconds(300) };

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-1" },
        Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = "app", Image = "nginx" } } },
    };

    private static V1PodStatus At(V1Pod pod, double seconds) =>
        PodStatusFactory.Living(pod, new PodTimeline(pod, T0, Options), T0.AddSeconds(seconds), "192.168.49.2", "10.244.0.2");

    [Fact]
    public void A_status_the_server_already_has_is_not_patched_again_even_at_its_second_precision()
    {
        var pod = Pod();
        var wanted = At(pod, 1);
        // What comes back from the server: times cut to whole seconds, transition times of its own.
        var server = k8s.KubernetesJson.Deserialize<V1PodStatus>(k8s.KubernetesJson.Serialize(wanted));
        server.StartTime = T0;
        server.ContainerStatuses[0].State.Running.StartedAt = T0;
        Assert.True(PodStatusPatch.IsSatisfied(server, At(pod, 1)));
        Assert.True(PodStatusPatch.IsSatisfied(server, At(pod, 50)));
    }

    [Fact]
    public void A_change_of_phase_readiness_or_container_state_is_patched()
    {
        var pod = Pod();
        Assert.False(PodStatusPatch.IsSatisfied(At(pod, 0), At(pod, 1)));
        Assert.False(PodStatusPatch.IsSatisfied(null, At(pod, 0)));
    }

    [Fact]
    public void Conditions_owned_by_others_do_not_count()
    {
        var pod = Pod();
        var server = At(pod, 1);
        server.Conditions.Add(new V1PodCondition { Type = "example.com/gate", Status = "False" });
        Assert.True(PodStatusPatch.IsSatisfied(server, At(pod, 1)));
    }

    [Fact]
    public void The_patch_has_a_UID_precondition_merges_conditions_by_type_and_clears_stale_reasons()
    {
        var pod = Pod();
        pod.Status = At(pod, 0);
        var patch = JsonNode.Parse(PodStatusPatch.Build(pod, At(pod, 1)))!;

        Assert.Equal("uid-1", (string?)patch["metadata"]!["uid"]);
        var status = patch["status"]!;
        Assert.Equal("Running", (string?)status["phase"]);
        Assert.Equal("10.244.0.2", (string?)status["podIP"]);
        Assert.Equal("10.244.0.2", (string?)status["podIPs"]![0]!["ip"]);
        var ready = status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!.AsObject();
        Assert.Equal("True", (string?)ready["status"]);
        Assert.True(ready.ContainsKey("reason"));
        Assert.Null(ready["reason"]);
        Assert.Equal("2026-01-01T12:00:00Z", (string?)ready["lastTransitionTime"]);
    }

    [Fact]
    public void A_condition_that_keeps_its_status_keeps_the_servers_transition_time()
    {
        var pod = Pod();
        pod.Status = At(pod, 1);
        var scheduled = pod.Status.Conditions.Single(c => c.Type == "PodScheduled");
        scheduled.LastTransitionTime = T0.AddSeconds(-30);
        var patch = JsonNode.Parse(PodStatusPatch.Build(pod, At(pod, 1)))!;
        var sent = patch["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "PodScheduled")!;
        Assert.Equal("2026-01-01T11:59:30Z", (string?)sent["lastTransitionTime"]);
    }
}
