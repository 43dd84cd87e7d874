using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>RolloutStatus gives kubectl's rollout status lines (polymorphichelpers/rollout_status.go) for each state.</summary>
public class RolloutStatusTests
{
    private static V1Deployment Web(int replicas, int updated, int total, int available, long generation = 2, long observed = 2)
    {
        var d = Deployment("web", Template("web", ("web", "nginx")), revision: 2);
        d.Spec.Replicas = replicas;
        d.Metadata.Generation = generation;
        d.Status = new V1DeploymentStatus { ObservedGeneration = observed, UpdatedReplicas = updated, Replicas = total, AvailableReplicas = available };
        return d;
    }

    [Theory]
    [InlineData(3, 1, 3, 2, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...", false)]
    [InlineData(3, 3, 4, 3, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...", false)]
    [InlineData(3, 3, 3, 1, "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...", false)]
    [InlineData(3, 3, 3, 3, "deployment \"web\" successfully rolled out", true)]
    [InlineData(0, 0, 0, 0, "deployment \"web\" successfully rolled out", true)]
    public void Deployment_status_lines_are_kubectls(int replicas, int updated, int total, int available, string message, bool done)
        => Assert.Equal(new RolloutStatusResult(message, done), RolloutStatus.For(Web(replicas, updated, total, available)));

    [Fact]
    public void A_spec_change_not_yet_observed_is_waited_for()
        => Assert.Equal(new RolloutStatusResult("Waiting for deployment spec update to be observed...", false),
            RolloutStatus.For(Web(3, 3, 3, 3, generation: 3, observed: 2)));

    [Fact]
    public void An_exceeded_progress_deadline_is_an_error()
    {
        var d = Web(3, 1, 3, 2);
        d.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = "ReplicaSet \"web-6c8a\" has timed out progressing." }];
        var error = Assert.Throws<K8sException>(() => RolloutStatus.For(d)).Error;
        Assert.Equal("ProgressDeadlineExceeded", error.ErrorId);
        Assert.Equal(K8sErrorCategory.Timeout, error.Category);
        Assert.StartsWith("deployment \"web\" exceeded its progress deadline", error.Message, StringComparison.Ordinal);
        Assert.Contains("has timed out progressing", error.Message, StringComparison.Ordinal);

        // ...but only once the controller has seen the latest spec, as in kubectl
        d.Metadata.Generation = 3;
        Assert.False(RolloutStatus.For(d).Done);
    }

    [Fact]
    public void A_pinned_revision_fails_once_the_deployment_moved_on()
    {
        var d = Web(3, 3, 3, 3);
        Assert.True(RolloutStatus.For(d, revision: 2).Done);
        var error = Assert.Throws<K8sException>(() => RolloutStatus.For(d, revision: 1)).Error;
        Assert.Equal("RevisionMismatch", error.ErrorId);
        Assert.Equal("desired revision (1) is different from the running revision (2)", error.Message);

        Assert.Equal("revision must be a positive integer: -1", Assert.Throws<K8sException>(() => RolloutStatus.For(d, revision: -1)).Error.Message);
        d.Metadata.Annotations[RolloutHistory.RevisionAnnotation] = "x";
        Assert.StartsWith("cannot get the revision of deployment \"web\"", Assert.Throws<K8sException>(() => RolloutStatus.For(d, revision: 1)).Error.Message, StringComparison.Ordinal);
    }

    private static V1DaemonSet Agent(int desired, int updated, int available, long generation = 1, long observed = 1)
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit")));
        ds.Metadata.Generation = generation;
        ds.Status = new V1DaemonSetStatus { ObservedGeneration = observed, DesiredNumberScheduled = desired, UpdatedNumberScheduled = updated, NumberAvailable = available };
        return ds;
    }

    [Theory]
    [InlineData(3, 1, 3, "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...", false)]
    [InlineData(3, 3, 2, "Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available...", false)]
    [InlineData(3, 3, 3, "daemon set \"agent\" successfully rolled out", true)]
    public void DaemonSet_status_lines_are_kubectls(int desired, int updated, int available, string message, bool done)
        => Assert.Equal(new RolloutStatusResult(message, done), RolloutStatus.For(Agent(desired, updated, available)));

    [Fact]
    public void DaemonSet_spec_update_and_ondelete()
    {
        Assert.Equal("Waiting for daemon set spec update to be observed...", RolloutStatus.For(Agent(3, 3, 3, generation: 2)).Message);
        var ds = Agent(3, 3, 3);
        ds.Spec.UpdateStrategy.Type = "OnDelete";
        var error = Assert.Throws<K8sException>(() => RolloutStatus.For(ds)).Error;
        Assert.Equal("RolloutStatusNotSupported", error.ErrorId);
        Assert.StartsWith("rollout status is only available for RollingUpdate strategy type", error.Message, StringComparison.Ordinal);
        Assert.Contains("daemonsets.apps \"agent\" uses OnDelete strategy", error.Message, StringComparison.Ordinal);
    }

    private static V1StatefulSet Db(int replicas, int ready, int updated, int? partition, bool rollingUpdateSection = true)
    {
        var sts = StatefulSet("db", Template("db", ("db", "postgres")));
        sts.Spec.Replicas = replicas;
        sts.Spec.UpdateStrategy.RollingUpdate = rollingUpdateSection ? new V1RollingUpdateStatefulSetStrategy { Partition = partition } : null;
        sts.Status = new V1StatefulSetStatus
        {
            ObservedGeneration = 1, ReadyReplicas = ready, UpdatedReplicas = updated, CurrentReplicas = replicas - updated,
            CurrentRevision = "db-5a6b", UpdateRevision = "db-6b7c",
        };
        return sts;
    }

    [Theory]
    [InlineData(3, 1, 0, 0, "Waiting for 2 pods to be ready...", false)]
    [InlineData(3, 3, 1, 1, "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...", false)]
    [InlineData(3, 3, 2, 1, "partitioned roll out complete: 2 new pods have been updated...", true)]
    [InlineData(3, 3, 1, null, "partitioned roll out complete: 1 new pods have been updated...", true)]
    public void StatefulSet_status_lines_are_kubectls_including_partitions(int replicas, int ready, int updated, int? partition, string message, bool done)
        => Assert.Equal(new RolloutStatusResult(message, done), RolloutStatus.For(Db(replicas, ready, updated, partition)));

    [Fact]
    public void A_statefulset_without_a_rollingupdate_section_waits_for_the_revisions_to_meet()
    {
        var sts = Db(3, 3, 2, null, rollingUpdateSection: false);
        Assert.Equal(new RolloutStatusResult("waiting for statefulset rolling update to complete 2 pods at revision db-6b7c...", false), RolloutStatus.For(sts));
        sts.Status.CurrentRevision = "db-6b7c";
        sts.Status.CurrentReplicas = 3;
        Assert.Equal(new RolloutStatusResult("statefulset rolling update complete 3 pods at revision db-6b7c...", true), RolloutStatus.For(sts));
    }

    [Fact]
    public void A_statefulset_never_observed_waits_even_at_generation_0()
    {
        var sts = Db(3, 3, 3, 0);
        sts.Status.ObservedGeneration = 0;
        sts.Metadata.Generation = 0;
        Assert.Equal("Waiting for statefulset spec update to be observed...", RolloutStatus.For(sts).Message);
    }

    [Fact]
    public void An_ondelete_statefulset_and_other_kinds_have_no_status()
    {
        var sts = Db(3, 3, 3, 0);
        sts.Spec.UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "OnDelete" };
        Assert.Equal("RolloutStatusNotSupported", Assert.Throws<K8sException>(() => RolloutStatus.For(sts)).Error.ErrorId);

        var error = Assert.Throws<K8sException>(() => RolloutStatus.For((object)new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "x" } })).Error;
        Assert.Equal("no status viewer has been implemented for ReplicaSet", error.Message);
    }
}
