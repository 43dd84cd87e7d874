using System.Collections;
using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Set-K8sImage: kubectl set image.</summary>
[Cmdlet(VerbsCommon.Set, "K8sImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutChange))]
public sealed class SetK8sImageCommand : WorkloadCmdlet
{
    /// <summary>Container=image pairs: a hashtable (@{ web = 'nginx:1.25' }) or 'web=nginx:1.25' strings; '*' for every container.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public object[] Image { get; set; } = [];

    /// <summary>Recorded in kubernetes.io/change-cause, which rollout history shows.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ChangeCause { get; set; }

    protected override IReadOnlyList<string> Kinds => WorkloadKinds.WithPodSpec;

    protected override string Command => "set image";

    private Dictionary<string, string>? _images;

    protected override Task BeginProcessingAsync()
    {
        _images = Pairs(Image);
        return Task.CompletedTask;
    }

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var current = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var update = ImageUpdate.Apply(current, _images!, ChangeCause);
        // kubectl patches the containers it found and reports the others; here nothing is sent, so a typo changes nothing.
        if (update.NotFoundError is { } notFound) throw new K8sException(notFound);
        if (!update.Changed)
        {
            WriteVerboseAsync($"{WorkloadKinds.TypeName(target.Kind)}/{target.Name}: every container already runs that image; nothing sent");
            return;
        }
        var detail = string.Join(", ", update.Changes.Select(c => $"{c.Container}: {c.OldImage} -> {c.NewImage}"));
        var (send, dryRun) = await ConfirmAsync(target, $"Set image ({(detail.Length == 0 ? "change-cause only" : detail)})").ConfigureAwait(false);
        if (!send) return;
        var updated = await WorkloadClient.PatchAsync(Connection.Client, target.Kind, target.Namespace, target.Name, update.Patch!, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, "image updated", updated, dryRun, detail));
    }

    /// <summary>The pairs as given, in order; a pair without '=' or given twice is refused before anything is read.</summary>
    internal static Dictionary<string, string> Pairs(IEnumerable<object> input)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string image)
        {
            if (!pairs.TryAdd(name, image))
                throw Invalid($"the container \"{name}\" is named twice in -Image");
        }
        foreach (var raw in input)
        {
            var item = raw is PSObject ps ? ps.BaseObject : raw;
            switch (item)
            {
                case IDictionary map:
                    foreach (DictionaryEntry e in map) Add(Text(e.Key), Text(e.Value));
                    break;
                case string s when s.IndexOf('=', StringComparison.Ordinal) is var eq and > 0:
                    Add(s[..eq], s[(eq + 1)..]);
                    break;
                default:
                    throw Invalid($"invalid image argument \"{item}\": -Image takes container=image pairs");
            }
        }
        return pairs;
    }

    private static K8sException Invalid(string message)
        => new(new K8sError("InvalidImageArgument", K8sErrorCategory.InvalidArgument, message)
        {
            RecommendedAction = "Pass container=image pairs: web=nginx:1.25, or @{ web = 'nginx:1.25' }; '*' for every container.",
        });

    private static string Text(object? o) => (o is PSObject p ? p.BaseObject : o)?.ToString() ?? "";
}
