using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>RolloutHistory follows kubectl's historyviewer: ReplicaSets for Deployments, ControllerRevisions for StatefulSets and DaemonSets.</summary>
public class RolloutHistoryTests
{
    private static readonly V1PodTemplateSpec V1 = Template("web", ("web", "nginx:1.19"));
    private static readonly V1PodTemplateSpec V2 = Template("web", ("web", "nginx:1.25"));
    private static readonly V1PodTemplateSpec V3 = Template("web", ("web", "nginx:1.27"), ("sidecar", "envoy:1.30"));

    internal static (V1Deployment Deployment, List<V1ReplicaSet> Sets) ThreeRevisions()
    {
        var d = Deployment("web", V3, revision: 3);
        var sets = new List<V1ReplicaSet>
        {
            ReplicaSet(d, "7f9c", 3, V3, T0.AddMinutes(20)),
            ReplicaSet(d, "5d4b", 1, V1, T0),
            ReplicaSet(d, "6c8a", 2, V2, T0.AddMinutes(10), changeCause: "kubectl set image deployment/web web=nginx:1.25"),
        };
        return (d, sets);
    }

    [Fact]
    public void A_deployments_revisions_are_its_replicasets_oldest_first()
    {
        var (d, sets) = ThreeRevisions();
        var history = RolloutHistory.ForDeployment(d, sets);

        Assert.Equal([1L, 2L, 3L], history.Select(h => h.Revision));
        Assert.Equal(["web-5d4b", "web-6c8a", "web-7f9c"], history.Select(h => h.SourceName));
        Assert.Equal(["5d4b", "6c8a", "7f9c"], history.Select(h => h.TemplateHash));
        Assert.All(history, h => Assert.Equal("ReplicaSet", h.SourceKind));
        Assert.Equal([null, "kubectl set image deployment/web web=nginx:1.25", null], history.Select(h => h.ChangeCause));
        Assert.Equal([new ContainerImage("web", "nginx:1.27", false), new ContainerImage("sidecar", "envoy:1.30", false)], history[2].Images);
        Assert.Equal("nginx:1.25", history[1].Template.Spec.Containers[0].Image);
    }

    [Fact]
    public void ReplicaSets_of_another_owner_are_left_out_even_with_matching_labels()
    {
        var (d, sets) = ThreeRevisions();
        sets.Add(ReplicaSet(d, "0ld0", 7, V1, T0.AddDays(-1), ownerUid: "uid-of-an-earlier-web"));
        var orphan = ReplicaSet(d, "0rph", 8, V1, T0.AddDays(-1));
        orphan.Metadata.OwnerReferences = null;
        sets.Add(orphan);
        Assert.Equal([1L, 2L, 3L], RolloutHistory.ForDeployment(d, sets).Select(h => h.Revision));
    }

    [Fact]
    public void A_replicaset_without_the_annotation_is_revision_0_and_one_with_a_bad_annotation_is_skipped()
    {
        var (d, sets) = ThreeRevisions();
        sets.Add(ReplicaSet(d, "aaaa", null, V1, T0.AddMinutes(1)));
        var bad = ReplicaSet(d, "bbbb", null, V1, T0.AddMinutes(2));
        bad.Metadata.Annotations[RolloutHistory.RevisionAnnotation] = "two";
        sets.Add(bad);
        var history = RolloutHistory.ForDeployment(d, sets);
        Assert.Equal([0L, 1L, 2L, 3L], history.Select(h => h.Revision));
        Assert.Equal("web-aaaa", history[0].SourceName);
    }

    [Fact]
    public void When_two_replicasets_claim_a_revision_the_new_one_wins_as_in_kubectls_map()
    {
        var (d, sets) = ThreeRevisions();
        sets.Add(ReplicaSet(d, "dup0", 3, V1, T0.AddMinutes(30))); // newer by time, but not the Deployment's template
        var history = RolloutHistory.ForDeployment(d, sets);
        Assert.Equal("web-7f9c", history.Single(h => h.Revision == 3).SourceName);
    }

    [Fact]
    public void The_table_is_kubectls_REVISION_CHANGE_CAUSE_text()
    {
        var (d, sets) = ThreeRevisions();
        Assert.Equal(
            "REVISION  CHANGE-CAUSE\n" +
            "1         <none>\n" +
            "2         kubectl set image deployment/web web=nginx:1.25\n" +
            "3         <none>\n",
            RolloutHistory.Table(RolloutHistory.ForDeployment(d, sets)));
    }

    [Fact]
    public void The_table_widens_for_long_revision_numbers()
    {
        var d = Deployment("web", V1, revision: 12345678901);
        var sets = new List<V1ReplicaSet> { ReplicaSet(d, "5d4b", 12345678901, V1, T0, changeCause: "x") };
        Assert.Equal("REVISION     CHANGE-CAUSE\n12345678901  x\n", RolloutHistory.Table(RolloutHistory.ForDeployment(d, sets)));
    }

    [Fact]
    public void No_revisions_read_as_kubectl_says_it()
    {
        var d = Deployment("web", V1);
        Assert.Equal("No rollout history found.", RolloutHistory.Table(RolloutHistory.ForDeployment(d, [])));
    }

    [Fact]
    public void Asking_for_a_missing_revision_names_the_ones_there_are()
    {
        var (d, sets) = ThreeRevisions();
        var history = RolloutHistory.ForDeployment(d, sets);
        Assert.Equal("web-6c8a", RolloutHistory.Find(history, 2, d).SourceName);
        var error = Assert.Throws<K8sException>(() => RolloutHistory.Find(history, 5, d)).Error;
        Assert.Equal("RevisionNotFound", error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, error.Category);
        Assert.Equal("unable to find the specified revision 5; deployments.apps \"web\" has revisions 1, 2, 3", error.Message);
        Assert.Equal("web", error.Name);
        Assert.Equal("shop", error.Namespace);
    }

    [Fact]
    public void A_statefulsets_revisions_come_from_its_controllerrevisions_with_the_template_applied()
    {
        var sts = StatefulSet("db", Template("db", ("db", "postgres:16")));
        var revisions = new[]
        {
            Revision(sts, "StatefulSet", 2, Template("db", ("db", "postgres:16")), "6b7c", changeCause: "bump"),
            Revision(sts, "StatefulSet", 1, Template("db", ("db", "postgres:15")), "5a6b"),
            Revision(sts, "StatefulSet", 9, Template("db", ("db", "postgres:9")), "0ld0", ownerUid: "another-db"),
        };
        var history = RolloutHistory.ForStatefulSet(sts, revisions);
        Assert.Equal([1L, 2L], history.Select(h => h.Revision));
        Assert.Equal(["db-5a6b", "db-6b7c"], history.Select(h => h.SourceName));
        Assert.Equal(["5a6b", "6b7c"], history.Select(h => h.TemplateHash));
        Assert.Equal([null, "bump"], history.Select(h => h.ChangeCause));
        Assert.Equal("postgres:15", history[0].Template.Spec.Containers[0].Image);
        Assert.Equal("db", history[0].Template.Metadata.Labels["app"]);
        Assert.All(history, h => Assert.Equal("ControllerRevision", h.SourceKind));
        Assert.Equal("REVISION  CHANGE-CAUSE\n1         <none>\n2         bump\n", RolloutHistory.Table(history));
    }

    [Fact]
    public void A_daemonsets_revisions_carry_the_controller_revision_hash()
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit:3.0")));
        var history = RolloutHistory.ForDaemonSet(ds,
        [
            Revision(ds, "DaemonSet", 1, Template("agent", ("agent", "fluent-bit:2.0")), "7d9f8"),
            Revision(ds, "DaemonSet", 2, Template("agent", ("agent", "fluent-bit:3.0")), "5c4b3"),
        ]);
        Assert.Equal(["7d9f8", "5c4b3"], history.Select(h => h.TemplateHash));
        Assert.Equal([new ContainerImage("agent", "fluent-bit:2.0", false)], history[0].Images);
    }

    [Fact]
    public void Revision_data_without_replace_is_merged_into_the_current_template()
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit:3.0")));
        var cr = Revision(ds, "DaemonSet", 1, Template("agent"), "1");
        cr.Data = JsonDocument.Parse("""{"spec":{"template":{"metadata":{"annotations":{"a":"b"}},"spec":{"containers":[{"name":"agent","image":"fluent-bit:1.0"}]}}}}""").RootElement.Clone();
        var t = ControllerRevisionData.TemplateOf(cr, ds.Spec.Template);
        Assert.Equal("agent", t.Metadata.Labels["app"]);       // kept from the current template
        Assert.Equal("b", t.Metadata.Annotations["a"]);          // added by the patch
        Assert.Equal("fluent-bit:1.0", t.Spec.Containers.Single().Image);
        Assert.Equal("Always", t.Spec.RestartPolicy);
    }

    [Fact]
    public void Unreadable_revision_data_is_an_error_naming_the_controllerrevision()
    {
        var ds = DaemonSet("agent", Template("agent", ("agent", "fluent-bit:3.0")));
        var cr = Revision(ds, "DaemonSet", 1, Template("agent"), "1");
        cr.Data = JsonDocument.Parse("""{"spec":{"template":{"spec":{"containers":"not a list"}}}}""").RootElement.Clone();
        var error = Assert.Throws<K8sException>(() => RolloutHistory.ForDaemonSet(ds, [cr])).Error;
        Assert.Equal("InvalidControllerRevision", error.ErrorId);
        Assert.StartsWith("unable to parse history agent-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_label_selector_text_is_what_a_list_call_takes()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["tier"] = "web", ["app"] = "shop" },
            MatchExpressions =
            [
                new V1LabelSelectorRequirement { Key = "env", OperatorProperty = "In", Values = ["prod", "dev"] },
                new V1LabelSelectorRequirement { Key = "legacy", OperatorProperty = "DoesNotExist" },
                new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "Exists" },
                new V1LabelSelectorRequirement { Key = "zone", OperatorProperty = "NotIn", Values = ["b"] },
            ],
        };
        Assert.Equal("app=shop,canary,env in (dev,prod),!legacy,tier=web,zone notin (b)", OwnedObjects.SelectorText(selector));
    }

    [Fact]
    public void Templates_equal_but_for_the_hash_label_and_go_only_empty_fields_are_the_same()
    {
        var a = JsonNode.Parse(k8s.KubernetesJson.Serialize(V2))!;
        a["metadata"]!["labels"]![TemplateJsonHashLabel] = "6c8a";
        a["metadata"]!["creationTimestamp"] = null;
        a["spec"]!["containers"]![0]!["env"] = new JsonArray();
        var withHash = k8s.KubernetesJson.Deserialize<V1PodTemplateSpec>(a.ToJsonString());
        Assert.True(TemplateJson.EqualIgnoreHash(withHash, V2));
        Assert.False(TemplateJson.EqualIgnoreHash(V1, V2));
    }
}
