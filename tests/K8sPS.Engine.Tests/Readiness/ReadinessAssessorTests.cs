using System.Text.Json.Nodes;
using K8sPS.Engine.Readiness;

namespace K8sPS.Engine.Tests.Readiness;

public class ReadinessAssessorTests
{
    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    [Fact]
    public void A_deployment_is_ready_when_every_replica_is_updated_ready_and_available_in_its_latest_generation()
    {
        var r = ReadinessAssessor.Assess(Json("""
            {"kind":"Deployment","metadata":{"name":"web","namespace":"shop","generation":2},"spec":{"replicas":3},
             "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,
                       "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"}]}}
            """));
        Assert.True(r.Ready);
        Assert.Equal("3/3 ready, 3 up-to-date, 3 available", r.Summary);
        Assert.Equal((3, 3), (r.Replicas, r.ReadyReplicas));
        Assert.Equal(["Available=True (MinimumReplicasAvailable)"], r.AllConditions);
    }

    [Theory]
    [InlineData(1, 3, 3, 3, 3, "3/3 ready, 3 up-to-date, 3 available, latest change not yet observed")]
    [InlineData(2, 4, 3, 3, 3, "3/3 ready, 3 up-to-date, 3 available, 1 old replica(s) still there")]
    [InlineData(2, 3, 1, 3, 1, "3/3 ready, 1 up-to-date, 1 available")]
    public void A_rollout_under_way_is_not_ready_and_says_what_is_left(int observed, int total, int updated, int ready, int available, string summary)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = observed, ["replicas"] = total, ["updatedReplicas"] = updated, ["readyReplicas"] = ready, ["availableReplicas"] = available,
        };
        var deployment = Json("""{"kind":"Deployment","metadata":{"name":"web","generation":2},"spec":{"replicas":3}}""");
        deployment["status"] = status;
        var r = ReadinessAssessor.Assess(deployment);
        Assert.False(r.Ready);
        Assert.Equal(summary, r.Summary);
    }

    [Fact]
    public void Only_the_conditions_that_explain_a_failure_are_given_as_its_reasons()
    {
        var r = ReadinessAssessor.Assess(Json("""
            {"kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":2},
             "status":{"replicas":2,"updatedReplicas":2,"conditions":[
                {"type":"Progressing","status":"True","reason":"ReplicaSetUpdated"},
                {"type":"Available","status":"False","reason":"MinimumReplicasUnavailable","message":"Deployment does not have minimum availability."}]}}
            """));
        Assert.False(r.Ready);
        Assert.Equal(["Available=False (MinimumReplicasUnavailable): Deployment does not have minimum availability."], r.Conditions);
        Assert.Equal(2, r.AllConditions.Count);
        Assert.Equal("deployment \"web\" in namespace \"shop\": 0/2 ready, 2 up-to-date, 0 available. conditions: Available=False (MinimumReplicasUnavailable): Deployment does not have minimum availability.", r.Explain());
    }

    [Fact]
    public void A_pod_says_where_it_runs_and_what_its_containers_wait_for()
    {
        var pending = ReadinessAssessor.Assess(Json("""
            {"kind":"Pod","metadata":{"name":"web-1"},"spec":{"nodeName":"n2"},
             "status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],
                       "containerStatuses":[{"name":"web","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}
            """));
        Assert.False(pending.Ready);
        Assert.Equal("Pending on node n2, not Ready (waiting: ImagePullBackOff)", pending.Summary);
        Assert.Equal("n2", pending.NodeName);
        var unscheduled = ReadinessAssessor.Assess(Json("""{"kind":"Pod","metadata":{"name":"web-2"},"spec":{},"status":{"phase":"Pending"}}"""));
        Assert.Equal("Pending, not scheduled, not Ready", unscheduled.Summary);
    }

    [Theory]
    [InlineData("""{"kind":"DaemonSet","metadata":{"name":"d"},"status":{"desiredNumberScheduled":3,"numberReady":3,"updatedNumberScheduled":3}}""", true, "3/3 ready, 3 up-to-date")]
    [InlineData("""{"kind":"StatefulSet","metadata":{"name":"s"},"spec":{"replicas":3},"status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3}}""", false, "2/3 ready, 3 updated")]
    [InlineData("""{"kind":"Job","metadata":{"name":"j"},"spec":{"completions":1},"status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}""", true, "1/1 succeeded, 0 active, 0 failed")]
    [InlineData("""{"kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"volumeName":"pvc-1"},"status":{"phase":"Bound"}}""", true, "Bound to pvc-1")]
    [InlineData("""{"kind":"Node","metadata":{"name":"n"},"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"False","reason":"KubeletNotReady"}]}}""", false, "Ready=False")]
    [InlineData("""{"kind":"ConfigMap","metadata":{"name":"cm"}}""", true, "exists (its kind has no readiness of its own)")]
    public void Each_kind_is_judged_by_its_own_rule(string json, bool ready, string summary)
    {
        var r = ReadinessAssessor.Assess(Json(json));
        Assert.Equal(ready, r.Ready);
        Assert.Equal(summary, r.Summary);
    }

    [Fact]
    public void A_pressure_condition_that_is_True_is_a_reason_and_one_that_is_False_is_not()
    {
        var r = ReadinessAssessor.Assess(Json("""{"kind":"Node","metadata":{"name":"n"},"status":{"conditions":[{"type":"DiskPressure","status":"True"},{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"False"}]}}"""));
        Assert.Equal(["DiskPressure=True", "Ready=False"], r.Conditions);
    }
}
