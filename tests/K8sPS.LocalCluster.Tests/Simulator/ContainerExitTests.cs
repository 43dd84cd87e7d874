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

    private static int? ExitOf(V1Pod pod, int container = 0) =>
        ContainerBehaviour.For(pod, pod.Spec.Containers[container], container, isInit: false, ImageCatalog.Empty, new NodeSimulatorOptions(), null, new List<string>()).ExitCode;

    [Fact]
    public void A_jobs_pod_exits_0_unless_its_command_says_otherwise()
    {
        Assert.Equal(0, ExitOf(Pod("Never", job: true, Container(new[] { "perl", "-e", "print 1" }))));
        Assert.Equal(4, ExitOf(Pod("Never", job: true, Container(new[] { "sh", "-c", "exit 4" }))));
    }

    [Fact]
    public void Outside_a_job_only_a_command_that_plainly_ends_exits()
    {
        var pod = Pod("Never", job: false, Container(new[] { "false" }), Container(new[] { "nginx" }));
        Assert.Equal(1, ExitOf(pod, 0));
        Assert.Null(ExitOf(pod, 1));
    }

    [Theory]
    [InlineData("sleep|10", 10.0)]
    [InlineData("sh|-c|echo $(date +%s): postStart >> /timing && sleep 10 && echo done", 10.0)]
    [InlineData("sh|-c|sleep 2; sleep 3", 5.0)]
    public void Sleeps_say_how_long_a_hook_or_init_container_takes(string command, double seconds) =>
        Assert.Equal(seconds, ContainerExit.SleepSeconds(command.Split('|')));

    [Theory]
    [InlineData("sh|-c|echo hi")]
    [InlineData("sh|-c|sleep $TIME")]
    [InlineData("nginx")]
    public void Without_a_plain_sleep_there_is_no_duration(string command) =>
        Assert.Null(ContainerExit.SleepSeconds(command.Split('|')));
}

public sealed class ContainerEchoTests
{
    [Theory]
    [InlineData("sh|-c|echo $(date +%s): Running >> /timing && echo \"The app is running!\" && /bin/sleep 120", "The app is running!")]
    [InlineData("sh|-c|echo working; exit 3", "working")]
    [InlineData("sh|-c|echo 'two  words' plain", "two  words plain")]
    public void A_scripts_plain_echoes_are_its_output(string command, string expected) =>
        Assert.Equal(new[] { expected }, ContainerExit.EchoLines(command.Split('|')));

    [Theory]
    [InlineData("sh|-c|echo $HOME")]
    [InlineData("sh|-c|echo hi > /tmp/x")]
    [InlineData("nginx|-g|daemon off;")]
    public void Anything_it_would_have_to_expand_or_redirect_is_left_out(string command) =>
        Assert.Empty(ContainerExit.EchoLines(command.Split('|')));
}
