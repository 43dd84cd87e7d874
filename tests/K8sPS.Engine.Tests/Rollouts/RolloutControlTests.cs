using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>Restart, pause and resume send kubectl's patches and refuse what kubectl refuses, in its words.</summary>
public class RolloutControlTests
{
    private static V1Deployment Web() => Deployment("web", Template("web", ("web", "nginx")));

    [Fact]
    public void Restart_stamps_restartedAt_on_the_template_in_rfc3339()
    {
        var now = new DateTimeOffset(2024, 5, 1, 12, 30, 45, 678, TimeSpan.Zero);
        var patch = RolloutControl.Restart(Web(), now);
        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, patch.Type);
        Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T12:30:45Z"}}}}}""", patch.Json);
    }

    [Theory]
    [InlineData(2, 0, "2024-05-01T14:30:45+02:00")]
    [InlineData(-5, -30, "2024-05-01T07:00:45-05:30")]
    public void Restart_time_keeps_the_local_offset_as_go_prints_it(int hours, int minutes, string expected)
    {
        var local = new DateTimeOffset(2024, 5, 1, 12, 30, 45, TimeSpan.Zero).ToOffset(new TimeSpan(hours, minutes, 0));
        Assert.Equal(expected, RolloutControl.Rfc3339(local));
    }

    [Fact]
    public void Restart_works_on_daemonsets_and_statefulsets_and_not_on_others()
    {
        var now = DateTimeOffset.UnixEpoch;
        Assert.Contains("restartedAt", RolloutControl.Restart(DaemonSet("agent", Template("agent")), now).Json, StringComparison.Ordinal);
        Assert.Contains("restartedAt", RolloutControl.Restart(StatefulSet("db", Template("db")), now).Json, StringComparison.Ordinal);
        var error = Assert.Throws<K8sException>(() => RolloutControl.Restart(new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "web-1" } }, now)).Error;
        Assert.Equal("RestartNotSupported", error.ErrorId);
        Assert.Equal("replicasets.apps \"web-1\" restarting is not supported", error.Message);
    }

    [Fact]
    public void A_paused_deployment_is_not_restarted()
    {
        var d = Web();
        d.Spec.Paused = true;
        var error = Assert.Throws<K8sException>(() => RolloutControl.Restart(d, DateTimeOffset.UnixEpoch)).Error;
        Assert.Equal("DeploymentPaused", error.ErrorId);
        Assert.Equal("deployments.apps \"web\" can't restart paused deployment (run rollout resume first)", error.Message);
    }

    [Fact]
    public void Restarting_twice_in_the_same_second_is_kubectls_empty_patch()
    {
        var d = Web();
        var now = new DateTimeOffset(2024, 5, 1, 12, 30, 45, TimeSpan.Zero);
        d.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { [RolloutControl.RestartedAtAnnotation] = "2024-05-01T12:30:45Z" };
        var error = Assert.Throws<K8sException>(() => RolloutControl.Restart(d, now.AddMilliseconds(500))).Error;
        Assert.Equal("EmptyPatch", error.ErrorId);
        Assert.StartsWith("failed to create patch for web: empty patch", error.Message, StringComparison.Ordinal);
        Assert.NotNull(RolloutControl.Restart(d, now.AddSeconds(1)));
    }

    [Fact]
    public void Pause_and_resume_flip_spec_paused_with_kubectls_patches()
    {
        var d = Web();
        Assert.Equal(new PatchRequest("""{"spec":{"paused":true}}""", V1Patch.PatchType.StrategicMergePatch), RolloutControl.Pause(d));
        var error = Assert.Throws<K8sException>(() => RolloutControl.Resume(d)).Error;
        Assert.Equal("NotPaused", error.ErrorId);
        Assert.Equal("deployments.apps \"web\" is not paused", error.Message);

        d.Spec.Paused = true;
        Assert.Equal(new PatchRequest("""{"spec":{"paused":null}}""", V1Patch.PatchType.StrategicMergePatch), RolloutControl.Resume(d));
        error = Assert.Throws<K8sException>(() => RolloutControl.Pause(d)).Error;
        Assert.Equal("AlreadyPaused", error.ErrorId);
        Assert.Equal("deployments.apps \"web\" is already paused", error.Message);
    }

    [Fact]
    public void Only_deployments_pause()
    {
        var sts = StatefulSet("db", Template("db"));
        Assert.Equal("statefulsets.apps \"db\" pausing is not supported", Assert.Throws<K8sException>(() => RolloutControl.Pause(sts)).Error.Message);
        Assert.Equal("statefulsets.apps \"db\" resuming is not supported", Assert.Throws<K8sException>(() => RolloutControl.Resume(sts)).Error.Message);
        Assert.Equal(K8sErrorCategory.NotSupported, Assert.Throws<K8sException>(() => RolloutControl.Pause(sts)).Error.Category);
    }
}
