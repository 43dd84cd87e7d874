using k8s.Models;
using K8sPS.Engine.Display;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>The columns added for Get-K8sNode -Wide and Get-K8sCronJob, with the 1.20 printers' placeholders (pkg/printers/internalversion).</summary>
public class NodeAndCronJobColumnsTests
{
    private static readonly DateTime Now = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Wide_node_columns_take_the_first_address_of_a_type_and_say_none_or_unknown_when_missing()
    {
        var node = new V1Node
        {
            Status = new V1NodeStatus
            {
                Addresses = [new() { Type = "Hostname", Address = "n1" }, new() { Type = "InternalIP", Address = "192.168.49.2" }, new() { Type = "InternalIP", Address = "10.0.0.9" }],
            },
        };
        Assert.Equal("192.168.49.2", KindColumns.NodeAddress(node, "InternalIP"));
        Assert.Equal("<none>", KindColumns.NodeAddress(node, "ExternalIP"));
        Assert.Equal("<none>", KindColumns.NodeAddress(new V1Node(), "InternalIP"));
        Assert.Equal("<unknown>", KindColumns.NodeInfo(""));
        Assert.Equal("containerd://1.7.0", KindColumns.NodeInfo("containerd://1.7.0"));
    }

    [Fact]
    public void CronJob_columns_read_as_kubectl_prints_them()
    {
        var cj = new V1CronJob { Spec = new V1CronJobSpec { Schedule = "*/5 * * * *", Suspend = false }, Status = new V1CronJobStatus { Active = [new V1ObjectReference(), new V1ObjectReference()], LastScheduleTime = Now.AddMinutes(-3) } };
        Assert.Equal("False", KindColumns.CronJobSuspend(cj));
        Assert.Equal(2, KindColumns.CronJobActive(cj));
        Assert.Equal("3m", KindColumns.CronJobLastSchedule(cj, Now));
        var fresh = new V1CronJob { Spec = new V1CronJobSpec { Schedule = "@daily" } };
        Assert.Equal("<unset>", KindColumns.CronJobSuspend(fresh));
        Assert.Equal(0, KindColumns.CronJobActive(fresh));
        Assert.Equal("<none>", KindColumns.CronJobLastSchedule(fresh, Now));
    }
}
