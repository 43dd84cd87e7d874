using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>Rollback follows kubectl's rollback.go: what it sends, when it skips, when it refuses.</summary>
public class RollbackTests
{
    [Fact]
    public void Undo_goes_to_the_previous_revision_with_kubectls_json_patch()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        var result = Rollback.ForDeployment(d, sets);

        Assert.False(result.Skipped);
        Assert.Equal("rolled back", result.Message);
        Assert.Equal(2, result.ToRevision);
        Assert.Equal(V1Patch.PatchType.JsonPatch, result.Patch!.Type);
        var ops = JsonNode.Parse(result.Patch.Json)!.AsArray();
        Assert.Equal(2, ops.Count);
        Assert.Equal("replace", (string?)ops[0]!["op"]);
        Assert.Equal("/spec/template", (string?)ops[0]!["path"]);
        Assert.Equal("replace", (string?)ops[1]!["op"]);
        Assert.Equal("/metadata/annotations", (string?)ops[1]!["path"]);

        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(ops[0]!["value"]!.ToJsonString());
        Assert.Equal("nginx:1.25", template.Spec.Containers.Single().Image);
        Assert.False(template.Metadata.Labels.ContainsKey(TemplateJsonHashLabel)); // stripped, as kubectl does
        Assert.Equal("web", template.Metadata.Labels["app"]);
        Assert.Equal("nginx:1.25", result.Template.Spec.Containers.Single().Image);
    }

    [Fact]
    public void The_deployment_keeps_its_bookkeeping_annotations_and_takes_the_rest_from_the_replicaset()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        d.Metadata.Annotations["kubectl.kubernetes.io/last-applied-configuration"] = "{}";
        d.Metadata.Annotations[ImageUpdate.ChangeCauseAnnotation] = "the latest change";
        d.Metadata.Annotations["team"] = "payments";
        sets.Single(s => s.Metadata.Name == "web-6c8a").Metadata.Annotations["owner"] = "ana";

        var ops = JsonNode.Parse(Rollback.ForDeployment(d, sets).Patch!.Json)!.AsArray();
        var annotations = ops[1]!["value"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value);
        Assert.Equal(new Dictionary<string, string?>
        {
            // the Deployment's own values of the keys kubectl skips
            ["deployment.kubernetes.io/revision"] = "3",
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{}",
            // everything else is the ReplicaSet's: its change-cause replaces the Deployment's, "team" is gone
            [ImageUpdate.ChangeCauseAnnotation] = "kubectl set image deployment/web web=nginx:1.25",
            ["owner"] = "ana",
        }, annotations);
    }

    [Fact]
    public void Undo_to_a_named_revision()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        var result = Rollback.ForDeployment(d, sets, toRevision: 1);
        Assert.Equal(1, result.ToRevision);
        Assert.Equal("nginx:1.19", result.Template.Spec.Containers.Single().Image);
    }

    [Fact]
    public void Undo_to_the_current_template_is_kubectls_skip_not_an_error()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        var result = Rollback.ForDeployment(d, sets, toRevision: 3);
        Assert.True(result.Skipped);
        Assert.Null(result.Patch);
        Assert.Equal("skipped rollback (current template already matches revision 3)", result.Message);
    }

    [Theory]
    [InlineData(9, "unable to find specified revision 9 in history; deployments.apps \"web\" has revisions 1, 2, 3")]
    [InlineData(-1, "unable to find specified revision -1 in history; deployments.apps \"web\" has revisions 1, 2, 3")]
    public void A_revision_not_in_history_is_refused_naming_the_ones_there_are(long toRevision, string message)
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        var error = Assert.Throws<K8sException>(() => Rollback.ForDeployment(d, sets, toRevision)).Error;
        Assert.Equal("RevisionNotFound", error.ErrorId);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void With_a_single_revision_there_is_nothing_to_go_back_to()
    {
        var t = Template("web", ("web", "nginx:1.19"));
        var d = Deployment("web", t, revision: 1);
        var error = Assert.Throws<K8sException>(() => Rollback.ForDeployment(d, [ReplicaSet(d, "5d4b", 1, t, T0)])).Error;
        Assert.Equal("NoPreviousRevision", error.ErrorId);
        Assert.Equal("no rollout history found for deployment \"web\" (the only revision is 1)", error.Message);
    }

    [Fact]
    public void A_paused_deployment_is_refused_with_kubectls_advice()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        d.Spec.Paused = true;
        var error = Assert.Throws<K8sException>(() => Rollback.ForDeployment(d, sets)).Error;
        Assert.Equal("DeploymentPaused", error.ErrorId);
        Assert.Equal("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again", error.Message);
        Assert.NotNull(error.RecommendedAction);

        // kubectl looks for the revision first, so a missing one is reported even when paused
        Assert.Equal("RevisionNotFound", Assert.Throws<K8sException>(() => Rollback.ForDeployment(d, sets, 9)).Error.ErrorId);
    }

    [Fact]
    public void ReplicaSets_of_another_deployment_are_no_revisions_to_go_back_to()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        foreach (var s in sets.Where(s => s.Metadata.Name != "web-7f9c")) s.Metadata.OwnerReferences[0].Uid = "someone-else";
        Assert.Equal("NoPreviousRevision", Assert.Throws<K8sException>(() => Rollback.ForDeployment(d, sets)).Error.ErrorId);
    }

    private static (V1StatefulSet, V1ControllerRevision[]) StatefulSetWithTwo()
    {
        var sts = StatefulSet("db", Template("db", ("db", "postgres:16")));
        return (sts,
        [
            Revision(sts, "StatefulSet", 1, Template("db", ("db", "postgres:15")), "5a6b"),
            Revision(sts, "StatefulSet", 2, Template("db", ("db", "postgres:16")), "6b7c"),
        ]);
    }

    [Fact]
    public void A_statefulset_goes_back_by_sending_the_revisions_data_as_a_strategic_merge_patch()
    {
        var (sts, revisions) = StatefulSetWithTwo();
        var result = Rollback.ForStatefulSet(sts, revisions);
        Assert.False(result.Skipped);
        Assert.Equal(1, result.ToRevision);
        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, result.Patch!.Type);
        Assert.Equal(revisions[0].Data.ToString(), result.Patch.Json); // byte for byte what the controller stored
        Assert.Contains("\"$patch\":\"replace\"", result.Patch.Json, StringComparison.Ordinal);
        Assert.Equal("postgres:15", result.Template.Spec.Containers.Single().Image);
    }

    [Fact]
    public void A_statefulset_already_at_the_revision_is_skipped_though_go_wrote_fields_the_model_leaves_out()
    {
        var (sts, revisions) = StatefulSetWithTwo();
        var result = Rollback.ForStatefulSet(sts, revisions, toRevision: 2);
        Assert.True(result.Skipped);
        Assert.Equal("skipped rollback (current template already matches revision 2)", result.Message);
    }

    [Fact]
    public void Previous_means_the_second_highest_revision_whatever_the_list_order()
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit:3.0")));
        var revisions = new[]
        {
            Revision(ds, "DaemonSet", 7, Template("agent", ("agent", "fluent-bit:3.0")), "c"),
            Revision(ds, "DaemonSet", 2, Template("agent", ("agent", "fluent-bit:1.0")), "a"),
            Revision(ds, "DaemonSet", 5, Template("agent", ("agent", "fluent-bit:2.0")), "b"),
        };
        var result = Rollback.ForDaemonSet(ds, revisions);
        Assert.Equal(5, result.ToRevision);
        Assert.Equal("fluent-bit:2.0", result.Template.Spec.Containers.Single().Image);
    }

    [Fact]
    public void Controllerrevision_errors_read_as_kubectls()
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit:3.0")));
        var one = new[] { Revision(ds, "DaemonSet", 1, ds.Spec.Template, "a") };
        var error = Assert.Throws<K8sException>(() => Rollback.ForDaemonSet(ds, one)).Error;
        Assert.Equal("NoPreviousRevision", error.ErrorId);
        Assert.Equal("no last revision to roll back to (the only revision is 1)", error.Message);

        var (sts, revisions) = StatefulSetWithTwo();
        error = Assert.Throws<K8sException>(() => Rollback.ForStatefulSet(sts, revisions, 4)).Error;
        Assert.Equal("unable to find specified revision 4 in history; statefulsets.apps \"db\" has revisions 1, 2", error.Message);
    }
}
