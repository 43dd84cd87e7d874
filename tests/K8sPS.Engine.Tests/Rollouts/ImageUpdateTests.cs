using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>ImageUpdate against what kubectl 1.32's `set image --local -o json` made of the same input (TestData/kubectl/set-image).</summary>
public class ImageUpdateTests
{
    private static T Input<T>(string file) => KubernetesJson.Deserialize<T>(TestData.Read("kubectl/set-image/" + file));

    private static Dictionary<string, string> Pairs(params string[] pairs)
        => pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("deployment-web.json", new[] { "web=nginx:1.25" })]
    [InlineData("deployment-all.json", new[] { "*=alpine:3.19" })]
    [InlineData("deployment-init-and-cache.json", new[] { "migrate=busybox:1.36", "cache=redis:7" })]
    public void Deployment_images_are_set_as_kubectl_sets_them(string kubectlOutput, string[] pairs)
    {
        var input = Input<V1Deployment>("deployment-in.json");
        var result = ImageUpdate.Apply(input, Pairs(pairs));
        JsonAssert.SameObject(TestData.Read("kubectl/set-image/" + kubectlOutput), KubernetesJson.Serialize(result.Updated));
        Assert.True(result.Changed);
        Assert.Empty(result.NotFound);
        Assert.Null(result.NotFoundError);
        Assert.Equal("nginx:1.19", input.Spec.Template.Spec.Containers[0].Image); // the caller's object is left alone
    }

    [Fact]
    public void Star_changes_init_containers_and_containers_and_says_which_changed()
    {
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("*=alpine:3.19"));
        Assert.Equal(
            [new ContainerImageChange("migrate", true, "busybox:1.35", "alpine:3.19"), new ContainerImageChange("web", false, "nginx:1.19", "alpine:3.19"), new ContainerImageChange("cache", false, "redis:6", "alpine:3.19")],
            result.Changes.OrderBy(c => c.IsInitContainer ? 0 : 1).ToList());
        Assert.Equal("alpine:3.19", result.Template!.Spec.InitContainers[0].Image);
    }

    [Fact]
    public void The_patch_is_kubectls_strategic_merge_patch_with_the_element_order()
    {
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("cache=redis:7"));
        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, result.Patch!.Type);
        Assert.Equal("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"cache"}],"containers":[{"image":"redis:7","name":"cache"}]}}}}""", result.Patch.Json);
    }

    [Fact]
    public void A_patch_for_init_and_main_containers_lists_both_orders_before_the_lists()
    {
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("*=alpine:3.19"));
        Assert.Equal(
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"cache"}],"$setElementOrder/initContainers":[{"name":"migrate"}],"containers":[{"image":"alpine:3.19","name":"web"},{"image":"alpine:3.19","name":"cache"}],"initContainers":[{"image":"alpine:3.19","name":"migrate"}]}}}}""",
            result.Patch!.Json);
    }

    [Fact]
    public void An_image_already_set_changes_nothing_and_sends_nothing_as_kubectl_prints_nothing()
    {
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("web=nginx:1.19"));
        Assert.False(result.Changed);
        Assert.Null(result.Patch);
        Assert.Empty(result.Changes);
        Assert.Null(result.NotFoundError);
    }

    [Fact]
    public void An_unknown_container_is_reported_with_the_names_there_are_and_the_others_still_change()
    {
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("web=nginx:1.25", "nope=x:1"));
        JsonAssert.SameObject(TestData.Read("kubectl/set-image/deployment-web-nope.json"), KubernetesJson.Serialize(result.Updated));
        Assert.Equal(["nope"], result.NotFound);
        var error = result.NotFoundError!;
        Assert.Equal("ContainerNotFound", error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, error.Category);
        var kubectl = TestData.Read("kubectl/set-image/deployment-web-nope.stderr").Trim()["error: ".Length..];
        Assert.StartsWith(kubectl, error.Message, StringComparison.Ordinal);
        Assert.Contains("deployments.apps \"web\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("its containers are: web, cache; init containers: migrate", error.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Patch);
    }

    [Fact]
    public void A_pods_ephemeral_containers_are_not_touched_by_a_star_and_not_found_by_name()
    {
        var pod = Input<V1Pod>("pod-in.json");
        JsonAssert.SameObject(TestData.Read("kubectl/set-image/pod-all.json"), KubernetesJson.Serialize(ImageUpdate.Apply(pod, Pairs("*=alpine:3.19")).Updated));

        var byName = ImageUpdate.Apply(pod, Pairs("debug=alpine:3.19"));
        Assert.False(byName.Changed);
        Assert.Null(byName.Patch);
        var kubectl = TestData.Read("kubectl/set-image/pod-debug.stderr").Trim()["error: ".Length..];
        Assert.StartsWith(kubectl, byName.NotFoundError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pods_patch_targets_its_own_spec()
    {
        var result = ImageUpdate.Apply(Input<V1Pod>("pod-in.json"), Pairs("app=nginx:1.25"));
        Assert.Null(result.Template);
        Assert.Equal("""{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"image":"nginx:1.25","name":"app"}]}}""", result.Patch!.Json);
    }

    [Fact]
    public void A_daemonset_is_set_as_kubectl_sets_it()
    {
        var result = ImageUpdate.Apply(Input<V1DaemonSet>("daemonset-in.json"), Pairs("agent=fluent/fluent-bit:3.0"));
        JsonAssert.SameObject(TestData.Read("kubectl/set-image/daemonset-agent.json"), KubernetesJson.Serialize(result.Updated));
    }

    [Fact]
    public void StatefulSets_ReplicaSets_and_CronJobs_have_their_templates_edited()
    {
        var template = Fixtures.Template("db", ("db", "postgres:15"));
        var sts = ImageUpdate.Apply(Fixtures.StatefulSet("db", template), Pairs("db=postgres:16"));
        Assert.Equal("postgres:16", sts.Updated.Spec.Template.Spec.Containers[0].Image);

        var rs = new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "db-1" }, Spec = new V1ReplicaSetSpec { Template = Fixtures.Workload(template) } };
        Assert.Equal("postgres:16", ImageUpdate.Apply(rs, Pairs("db=postgres:16")).Updated.Spec.Template.Spec.Containers[0].Image);

        var cron = new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "backup" },
            Spec = new V1CronJobSpec { Schedule = "0 * * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Fixtures.Workload(template) } } },
        };
        var cronResult = ImageUpdate.Apply(cron, Pairs("db=postgres:16"));
        Assert.Equal("postgres:16", cronResult.Updated.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Image);
        Assert.StartsWith("""{"spec":{"jobTemplate":{"spec":{"template":{"spec":{""", cronResult.Patch!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_change_cause_goes_on_the_objects_annotations_as_with_kubectl_record()
    {
        var expected = KubernetesJson.Deserialize<V1Deployment>(TestData.Read("kubectl/set-image/deployment-record.json"));
        var cause = expected.Metadata.Annotations[ImageUpdate.ChangeCauseAnnotation];
        var result = ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs("web=nginx:1.25"), cause);
        JsonAssert.SameObject(TestData.Read("kubectl/set-image/deployment-record.json"), KubernetesJson.Serialize(result.Updated));
        var patch = JsonNode.Parse(result.Patch!.Json)!;
        Assert.Equal(cause, (string?)patch["metadata"]!["annotations"]![ImageUpdate.ChangeCauseAnnotation]);
        Assert.True(result.ChangeCauseChanged);
    }

    [Fact]
    public void The_same_change_cause_again_with_the_same_image_changes_nothing()
    {
        var input = Input<V1Deployment>("deployment-in.json");
        input.Metadata.Annotations = new Dictionary<string, string> { [ImageUpdate.ChangeCauseAnnotation] = "set web" };
        var result = ImageUpdate.Apply(input, Pairs("web=nginx:1.19"), "set web");
        Assert.False(result.Changed);
        Assert.Null(result.Patch);

        var other = ImageUpdate.Apply(input, Pairs("web=nginx:1.19"), "again");
        Assert.True(other.Changed);
        Assert.Equal("""{"metadata":{"annotations":{"kubernetes.io/change-cause":"again"}}}""", other.Patch!.Json);
    }

    [Theory]
    [InlineData(new string[0], "at least one image update is required")]
    [InlineData(new[] { "*=a:1", "web=b:1" }, "all containers are already specified by *, but saw more than one container_name=container_image pairs")]
    [InlineData(new[] { "web=" }, "invalid image argument \"web=\"")]
    public void Bad_pairs_are_refused_with_kubectls_words(string[] pairs, string message)
    {
        var error = Assert.Throws<K8sException>(() => ImageUpdate.Apply(Input<V1Deployment>("deployment-in.json"), Pairs(pairs))).Error;
        Assert.Equal("InvalidImageArgument", error.ErrorId);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_without_a_pod_template_is_refused()
    {
        var svc = new V1Service { Kind = "Service", Metadata = new V1ObjectMeta { Name = "web" } };
        var error = Assert.Throws<K8sException>(() => ImageUpdate.Apply(svc, Pairs("web=nginx"))).Error;
        Assert.Equal("NoPodTemplate", error.ErrorId);
        Assert.Equal("the object is not a pod or does not have a pod template: Service \"web\"", error.Message);
    }
}
