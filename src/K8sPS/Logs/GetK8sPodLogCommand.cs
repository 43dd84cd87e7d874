using System.Management.Automation;
using k8s.Models;
using K8sPS.Completion;
using K8sPS.Engine.Logs;
using K8sPS.Infrastructure;
using K8sPS.Rollouts;

namespace K8sPS.Logs;

/// <summary>
/// Get-K8sPodLog: kubectl logs. Lines as strings, as kubectl prints them; by pod name, piped pods or -Selector
/// (each line prefixed [pod/name/container], the last 10 lines of each unless -Tail says otherwise, as kubectl -l);
/// -Follow streams lines as they come until the containers stop or Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Get, "K8sPodLog", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(string))]
public sealed class GetK8sPodLogCommand : K8sCmdlet
{
    private const string ByNameSet = "ByName";
    private const string BySelectorSet = "BySelector";
    /// <summary>kubectl logs -l reads the last 10 lines of each container unless --tail is given.</summary>
    private const long SelectorTail = 10;

    /// <summary>Pod names; Get-K8sPod output binds by its Name and Namespace.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Pod")]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>kubectl logs -l: every pod the label selector matches.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BySelectorSet)]
    [Alias("l")]
    [ArgumentCompleter(typeof(LabelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Selector { get; set; }

    /// <summary>The container (init and ephemeral containers too); default: the pod's only container, or the one its kubectl.kubernetes.io/default-container annotation names.</summary>
    [Parameter(Position = 1)]
    [Alias("c")]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Container { get; set; }

    /// <summary>Every container of each pod: init containers, containers, ephemeral containers.</summary>
    [Parameter]
    public SwitchParameter AllContainers { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>The last N lines; -1: all (the default, but 10 with -Selector, as kubectl).</summary>
    [Parameter]
    [ValidateRange(-1, long.MaxValue)]
    public long Tail { get; set; } = -1;

    /// <summary>Only lines newer than this: 30s, 5m, 1h (kubectl --since), seconds, or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? Since { get; set; }

    /// <summary>Only lines after this time (kubectl --since-time).</summary>
    [Parameter]
    public DateTimeOffset? SinceTime { get; set; }

    /// <summary>The log of the container's previous run (after a restart).</summary>
    [Parameter]
    [Alias("p")]
    public SwitchParameter Previous { get; set; }

    /// <summary>Each line starts with its RFC 3339 time, as the server writes it.</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    /// <summary>Stream new lines as they are written, until the container stops or Ctrl+C.</summary>
    [Parameter]
    [Alias("f")]
    public SwitchParameter Follow { get; set; }

    /// <summary>Prefix each line with [pod/name/container] (always with -Selector).</summary>
    [Parameter]
    public SwitchParameter Prefix { get; set; }

    /// <summary>At most this many bytes of each log.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? LimitBytes { get; set; }

    /// <summary>How many logs -Follow may stream at once (kubectl --max-log-requests, default 5).</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxLogRequests { get; set; } = PodLogReader.DefaultMaxFollowConcurrency;

    private PodLogOptions _options = new();
    private PodLogReader? _reader;
    private bool _prefix;
    private readonly List<LogSource> _follows = [];

    protected override Task BeginProcessingAsync()
    {
        var tailGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Tail));
        _options = new PodLogOptions
        {
            Follow = Follow,
            Previous = Previous,
            Timestamps = Timestamps,
            Since = Since,
            SinceTime = SinceTime,
            TailLines = Selector is not null && !tailGiven ? SelectorTail : Tail,
            LimitBytes = LimitBytes,
        };
        _options.Validate();
        _prefix = Prefix || Selector is not null;
        return Task.CompletedTask;
    }

    private PodLogReader Reader => _reader ??= PodLogReader.For(Connection);

    protected override async Task ProcessRecordAsync()
    {
        _ = Connection; // a bad kubeconfig or context is one terminating error, not one per pod
        var ns = ResolveNamespace(Namespace);
        if (ParameterSetName == BySelectorSet)
        {
            var pods = await PodLogReader.ListPodsAsync(Connection.Client, ns, Selector!, CancellationToken).ConfigureAwait(false);
            if (pods.Count == 0) WriteVerboseAsync($"No resources found in {ns} namespace.");
            foreach (var pod in pods)
                await ForItemAsync(pod, () => TakeAsync(pod), "Pod", pod.Metadata.Name, ns).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(name, async () =>
            {
                var pod = await PodLogReader.GetPodAsync(Connection.Client, ns, name, CancellationToken).ConfigureAwait(false);
                await TakeAsync(pod).ConfigureAwait(false);
            }, "Pod", name, ns).ConfigureAwait(false);
        }
    }

    /// <summary>The pod's containers as kubectl chooses them: read now, or kept to follow together at the end.</summary>
    private async Task TakeAsync(V1Pod pod)
    {
        var sources = LogContainers.Choose(pod, Container, AllContainers, WriteWarningAsync);
        if (Follow)
        {
            _follows.AddRange(sources);
            return;
        }
        foreach (var source in sources)
            await ForItemAsync(source, () => WriteLogAsync(source), "Pod", source.Pod, source.Namespace).ConfigureAwait(false);
    }

    /// <summary>-Follow: every container found is streamed at once (as kubectl does for more than one), once all pods are read.</summary>
    protected override async Task EndProcessingAsync()
    {
        if (_follows.Count == 0) return;
        if (_follows.Count == 1)
        {
            await ForItemAsync(_follows[0], () => WriteLogAsync(_follows[0]), "Pod", _follows[0].Pod, _follows[0].Namespace).ConfigureAwait(false);
            return;
        }
        // kubectl refuses the whole command when there are more streams than it may follow: one error, nothing read.
        try { PodLogReader.CheckFollowLimit(_follows.Count, MaxLogRequests); }
        catch (Engine.Errors.K8sException e)
        {
            WriteK8sError(e, Selector ?? (object)string.Join(", ", _follows.Select(f => f.Pod).Distinct()));
            return;
        }
        await foreach (var line in Reader.FollowAllAsync(_follows, _options, MaxLogRequests, CancellationToken).ConfigureAwait(false))
        {
            if (line.Error is not null) WriteK8sError(line.Error, line.Source, "Pod", line.Source.Pod, line.Source.Namespace);
            else WriteObjectAsync(Text(line.Source, line.Text!));
        }
    }

    private async Task WriteLogAsync(LogSource source)
    {
        await foreach (var text in Reader.ReadAsync(source, _options, CancellationToken).ConfigureAwait(false))
            WriteObjectAsync(Text(source, text));
    }

    private string Text(LogSource source, string text) => _prefix ? source.Prefix + text : text;
}
