using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

public class ScaleTargetTests
{
    [Theory]
    [InlineData("web", "Deployment", "web")]
    [InlineData("deployment/web", "Deployment", "web")]
    [InlineData("deploy/web", "Deployment", "web")]
    [InlineData("deployments.apps/web", "Deployment", "web")]
    [InlineData("sts/db", "StatefulSet", "db")]
    [InlineData("StatefulSet/db", "StatefulSet", "db")]
    [InlineData("rs/x", "ReplicaSet", "x")]
    [InlineData("rc/legacy", "ReplicationController", "legacy")]
    public void Targets_are_read_as_kubectl_autoscale_reads_them(string text, string kind, string name)
    {
        Assert.Equal(new ScaleTarget(kind, name), ScaleTarget.Parse(text));
    }

    [Fact]
    public void A_plain_name_takes_the_default_kind_a_typed_one_keeps_its_own()
    {
        Assert.Equal(new ScaleTarget("StatefulSet", "db"), ScaleTarget.Parse("db", "sts"));
        Assert.Equal(new ScaleTarget("Deployment", "web"), ScaleTarget.Parse("deploy/web", "StatefulSet"));
    }

    [Theory]
    [InlineData("ds/agent", "cannot autoscale a ds")]
    [InlineData("pod/web-1", "cannot autoscale a pod")]
    public void Kinds_without_a_scale_subresource_are_refused(string text, string message)
    {
        var error = Assert.Throws<K8sException>(() => ScaleTarget.Parse(text)).Error;
        Assert.Equal("NotScalable", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_type_without_a_name_is_refused()
    {
        var error = Assert.Throws<K8sException>(() => ScaleTarget.Parse("deployment/")).Error;
        Assert.Equal("InvalidTarget", error.ErrorId);
    }
}
