using System.Net;
using k8s;
using k8s.Models;
using K8sPS.Engine.Rollouts;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>The list helpers ask by the owner's selector and keep only what the owner controls.</summary>
public class OwnedObjectsTests
{
    [Fact]
    public async Task A_deployments_replicasets_are_listed_by_its_selector_and_filtered_by_owner_uid()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        sets.Add(ReplicaSet(d, "0ld0", 9, d.Spec.Template, T0.AddDays(-1), ownerUid: "an-earlier-web"));
        var api = new FakeApi(_ => (HttpStatusCode.OK, KubernetesJson.Serialize(new V1ReplicaSetList { ApiVersion = "apps/v1", Kind = "ReplicaSetList", Items = sets })));
        var owned = await OwnedObjects.ListReplicaSetsAsync(api.Client(), d);

        Assert.StartsWith("/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dweb&", Assert.Single(api.Requests).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(["web-5d4b", "web-6c8a", "web-7f9c"], owned.Select(r => r.Metadata.Name)); // old by age, the new one last
    }

    [Fact]
    public async Task A_statefulsets_controllerrevisions_are_listed_by_its_selector()
    {
        var sts = StatefulSet("db", Template("db", ("db", "postgres:16")));
        var list = new V1ControllerRevisionList
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevisionList",
            Items = [Revision(sts, "StatefulSet", 1, sts.Spec.Template, "a"), Revision(sts, "StatefulSet", 2, sts.Spec.Template, "b", ownerUid: "x")],
        };
        var api = new FakeApi(_ => (HttpStatusCode.OK, KubernetesJson.Serialize(list)));
        var owned = await OwnedObjects.ListControllerRevisionsAsync(api.Client(), sts);
        Assert.StartsWith("/apis/apps/v1/namespaces/shop/controllerrevisions?labelSelector=app%3Ddb&", Assert.Single(api.Requests).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(["db-a"], owned.Select(r => r.Metadata.Name));
        // and what came back over the wire still reads as a revision
        Assert.Equal("postgres:16", RolloutHistory.ForStatefulSet(sts, owned).Single().Images.Single().Image);
    }

    [Fact]
    public void The_new_replicaset_is_the_oldest_one_matching_the_template()
    {
        var (d, sets) = RolloutHistoryTests.ThreeRevisions();
        var twin = ReplicaSet(d, "9999", 4, d.Spec.Template, T0.AddMinutes(25));
        sets.Add(twin);
        Assert.Equal("web-7f9c", OwnedObjects.NewReplicaSet(d, sets)!.Metadata.Name);
    }
}
