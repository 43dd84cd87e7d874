using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class ContainerExitTests
{
    private static V1Container Container(string[]? command = null, string[]? args = null) =>
        new() { Name = "c", Image = "busybox", Command = command?.ToList(), Args = args?.ToList() };

    // Words of the command, split at |.
    [Theory]
    [InlineData("sh|-c|exit 3", 3)]
    [InlineData("/bin/sh|-c|echo starting; sleep 1; exit 1", 1)]
    [InlineData("bash|-c|do-work && exit 0", 0)]
    [InlineData("true", 0)]
    [InlineData("/bin/false", 1)]
    public void A_command_that_plainly_ends_gives_its_exit_code(string command, int expected) =>
        Assert.Equal(expected, ContainerExit.KnownExitCode(Container(command.Split('|'))));

    [Theory]
    [InlineData("nginx|-g|daemon off;")]
    [InlineData("sh|-c|while true; do sleep 1; done")]
    [InlineData("sh|-c|exit 1; serve")]
    [InlineData("sleep|3600")]
    public void Anything_else_is_unknown(string command) =>
        Assert.Null(ContainerExit.KnownExitCode(Container(command.Split('|'))));

    [Fact]
    public void Args_count_as_the_rest_of_the_command() =>
        Assert.Equal(2, ContainerExit.KnownExitCode(Container(new[] { "sh" }, new[] { "-c", "exit 2" })));

    private static V1Pod Pod(string restartPolicy, bool job, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p",
            OwnerReferences = job ? new List<V1OwnerReference> { new() { Kind = "Job", Name = "j", Controller = true, ApiVersion = "batch/v1", Uid = "1" } } : null,
        },
        Spec = new V1PodSpec { RestartPolicy = restartPolicy, Containers = containers.ToList() },
    };

    [Fact]
    public void A_jobs_pod_exits_0_unless_its_command_says_otherwise()
    {
        Assert.Equal(new[] { 0 }, ContainerExit.PlannedExitCodes(Pod("Never", job: true, Container(new[] { "perl", "-e", "print 1" }))));
        Assert.Equal(new[] { 4 }, ContainerExit.PlannedExitCodes(Pod("Never", job: true, Container(new[] { "sh", "-c", "exit 4" }))));
    }

    [Fact]
    public void A_bare_pod_finishes_only_when_every_command_says_how()
    {
        Assert.Equal(new[] { 1 }, ContainerExit.PlannedExitCodes(Pod("Never", job: false, Container(new[] { "false" }))));
        Assert.Null(ContainerExit.PlannedExitCodes(Pod("Never", job: false, Container(new[] { "false" }), Container(new[] { "nginx" }))));
        Assert.Null(ContainerExit.PlannedExitCodes(Pod("Always", job: false, Container(new[] { "true" }))));
    }

    [Fact]
    public void A_failure_under_OnFailure_would_restart_so_the_pod_keeps_running() =>
        Assert.Null(ContainerExit.PlannedExitCodes(Pod("OnFailure", job: true, Container(new[] { "sh", "-c", "exit 1" }))));
}
