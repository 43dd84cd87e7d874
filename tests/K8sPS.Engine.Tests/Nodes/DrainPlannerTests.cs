using k8s.Models;
using K8sPS.Engine.Nodes;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>The drain's pod filters decide as kubectl drain's (pkg/drain/filters.go), with K8sPS's switch names in the texts.</summary>
public class DrainPlannerTests
{
    private static V1Pod Pod(string name, string? controllerKind = null, string? controllerName = null, bool emptyDir = false, string? phase = "Running", bool mirror = false)
        => new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "shop",
                Uid = "uid-" + name,
                Annotations = mirror ? new Dictionary<string, string> { [DrainPlanner.MirrorPodAnnotation] = "abc" } : null,
                OwnerReferences = controllerKind is null ? null : [new V1OwnerReference { Kind = controllerKind, Name = controllerName ?? name, Controller = true, ApiVersion = "apps/v1", Uid = "owner" }],
            },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "c", Image = "i" }],
                Volumes = emptyDir ? [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }] : null,
            },
            Status = new V1PodStatus { Phase = phase },
        };

    private static readonly DaemonSetState Exists = new(true, false, null);
    private static readonly DaemonSetState Missing = new(false, true, "daemonsets.apps \"gone\" not found");

    private static DrainPlan Plan(DrainOptions options, params V1Pod[] pods)
        => DrainPlanner.Plan("n1", pods, options, (_, name) => name == "gone" ? Missing : Exists);

    [Fact]
    public void Pods_of_a_ReplicaSet_StatefulSet_or_Job_are_evicted()
    {
        var plan = Plan(new DrainOptions(), Pod("web-1", "ReplicaSet", "web"), Pod("db-0", "StatefulSet", "db"), Pod("once-x", "Job", "once"));
        Assert.Equal(["web-1", "db-0", "once-x"], plan.PodsToEvict.Select(p => p.Metadata.Name));
        Assert.Empty(plan.Errors);
        Assert.Equal("", plan.Warnings);
    }

    [Fact]
    public void DaemonSet_pods_stop_the_drain_unless_IgnoreDaemonSets_and_are_never_evicted()
    {
        var refused = Plan(new DrainOptions(), Pod("agent-a", "DaemonSet", "agent"), Pod("web-1", "ReplicaSet", "web"));
        Assert.Equal(["cannot delete DaemonSet-managed Pods (use -IgnoreDaemonSets to ignore): shop/agent-a"], refused.Errors);

        var ignored = Plan(new DrainOptions { IgnoreDaemonSets = true }, Pod("agent-a", "DaemonSet", "agent"), Pod("web-1", "ReplicaSet", "web"));
        Assert.Empty(ignored.Errors);
        Assert.Equal(["web-1"], ignored.PodsToEvict.Select(p => p.Metadata.Name));
        Assert.Equal("ignoring DaemonSet-managed Pods: shop/agent-a", ignored.Warnings);
        Assert.Equal(["shop/agent-a"], ignored.Ignored);
    }

    [Fact]
    public void A_pod_whose_DaemonSet_is_gone_goes_only_with_Force()
    {
        var refused = Plan(new DrainOptions { IgnoreDaemonSets = true }, Pod("orphan", "DaemonSet", "gone"));
        Assert.Equal(["cannot delete daemonsets.apps \"gone\" not found: shop/orphan"], refused.Errors);
        var forced = Plan(new DrainOptions { Force = true }, Pod("orphan", "DaemonSet", "gone"));
        Assert.Equal(["orphan"], forced.PodsToEvict.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Mirror_pods_are_skipped_silently()
    {
        var plan = Plan(new DrainOptions(), Pod("etcd-n1", mirror: true));
        Assert.Empty(plan.PodsToEvict);
        Assert.Empty(plan.Errors);
        Assert.Equal(["shop/etcd-n1"], plan.Ignored);
    }

    [Fact]
    public void EmptyDir_data_goes_only_with_DeleteEmptyDirData_and_kubectl_drops_that_warning()
    {
        Assert.Equal(["cannot delete Pods with local storage (use -DeleteEmptyDirData to override): shop/cache-1"],
            Plan(new DrainOptions(), Pod("cache-1", "ReplicaSet", "cache", emptyDir: true)).Errors);
        var allowed = Plan(new DrainOptions { DeleteEmptyDirData = true }, Pod("cache-1", "ReplicaSet", "cache", emptyDir: true));
        Assert.Equal(["cache-1"], allowed.PodsToEvict.Select(p => p.Metadata.Name));
        // the next filter (unmanaged pods) decides Okay and its decision is the one kept, as in kubectl 1.20
        Assert.Equal("", allowed.Warnings);
        // a finished pod's data may always go
        Assert.Empty(Plan(new DrainOptions(), Pod("done", "Job", "j", emptyDir: true, phase: "Succeeded")).Errors);
    }

    [Fact]
    public void Unmanaged_pods_stop_the_drain_unless_Force_and_finished_ones_may_always_go()
    {
        Assert.Equal(["cannot delete Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use -Force to override): shop/bare-1, shop/bare-2"],
            Plan(new DrainOptions(), Pod("bare-1"), Pod("bare-2")).Errors);
        var forced = Plan(new DrainOptions { Force = true }, Pod("bare-1"));
        Assert.Equal(["bare-1"], forced.PodsToEvict.Select(p => p.Metadata.Name));
        Assert.Equal("deleting Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet: shop/bare-1", forced.Warnings);
        Assert.Equal(["failed"], Plan(new DrainOptions(), Pod("failed", phase: "Failed")).PodsToEvict.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Errors_are_grouped_by_reason_and_every_reason_is_listed()
    {
        var plan = Plan(new DrainOptions(), Pod("bare-1"), Pod("agent-a", "DaemonSet", "agent"), Pod("bare-2"), Pod("cache-1", "ReplicaSet", "cache", emptyDir: true));
        Assert.Equal(3, plan.Errors.Count);
        Assert.Contains(plan.Errors, e => e.EndsWith("(use -Force to override): shop/bare-1, shop/bare-2", StringComparison.Ordinal));
        Assert.Empty(plan.PodsToEvict);
    }
}
