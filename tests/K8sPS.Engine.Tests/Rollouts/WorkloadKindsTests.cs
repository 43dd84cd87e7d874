using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>WorkloadKinds reads kubectl's names for the kinds and says which kinds a command works on.</summary>
public class WorkloadKindsTests
{
    [Theory]
    [InlineData("deploy", "Deployment")]
    [InlineData("deployments.apps", "Deployment")]
    [InlineData("STS", "StatefulSet")]
    [InlineData("daemonset", "DaemonSet")]
    public void Reads_kubectls_names(string name, string kind)
        => Assert.Equal(kind, WorkloadKinds.Resolve(name, WorkloadKinds.Rollout, "rollout history"));

    [Fact]
    public void A_kind_the_command_does_not_support_is_named_with_the_ones_it_does()
    {
        var error = Assert.Throws<K8sException>(() => WorkloadKinds.Resolve("ds", WorkloadKinds.Pausable, "rollout pause")).Error;
        Assert.Equal("rollout pause does not work on DaemonSets, as kubectl's does not: it works on Deployment", error.Message);
        error = Assert.Throws<K8sException>(() => WorkloadKinds.Resolve("svc", WorkloadKinds.Scalable, "scale")).Error;
        Assert.Equal("scale does not know the kind \"svc\": it works on Deployment, ReplicaSet, StatefulSet, ReplicationController", error.Message);
    }

    [Theory]
    [InlineData("Deployment", "shop", "/apis/apps/v1/namespaces/shop/deployments", "deployment.apps", "deployments.apps")]
    [InlineData("ReplicationController", "a", "/api/v1/namespaces/a/replicationcontrollers", "replicationcontroller", "replicationcontrollers")]
    [InlineData("Job", "a", "/apis/batch/v1/namespaces/a/jobs", "job.batch", "jobs.batch")]
    public void Paths_and_names_are_the_servers_and_kubectls(string kind, string ns, string path, string type, string resource)
    {
        Assert.Equal(path, WorkloadKinds.CollectionPath(kind, ns));
        Assert.Equal(type, WorkloadKinds.TypeName(kind));
        Assert.Equal(resource, WorkloadKinds.Resource(kind));
    }
}
