using System.Management.Automation;

namespace K8sPS.Infrastructure;

/// <summary>
/// One piped item being worked on by <see cref="AsyncCmdlet.StartItemAsync"/>: what it is (for errors and the
/// -ErrorAction Stop report), the writes its work made (kept until every earlier item's are written, so output
/// follows input order), and its turn at ShouldProcess (asked only after every earlier item has asked or finished).
/// </summary>
internal sealed class PipelineItem(object? target, string? kind, string? name, string? ns, Task previousTurn)
{
    private readonly List<(Action Write, bool IsError)> _writes = [];

    public object? Target { get; } = target;
    public string? Kind { get; } = kind;
    public string? Name { get; } = name;
    public string? Namespace { get; } = ns;

    /// <summary>Completes when the item before this one has asked its ShouldProcess question or finished.</summary>
    public Task PreviousTurn { get; } = previousTurn;

    /// <summary>Completed when this item has asked its ShouldProcess question or finished.</summary>
    public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The work ended (succeeded or failed).</summary>
    public volatile bool Finished;

    /// <summary>The work wrote an error.</summary>
    public volatile bool Failed;

    public void Add(Action write, bool isError)
    {
        if (isError) Failed = true;
        lock (_writes) _writes.Add((write, isError));
    }

    public IReadOnlyList<(Action Write, bool IsError)> TakeWrites()
    {
        lock (_writes)
        {
            var all = _writes.ToList();
            _writes.Clear();
            return all;
        }
    }

    /// <summary>How the item is named in messages: kind/name in namespace, else what the user gave.</summary>
    public string Describe()
    {
        if (Name is null) return LanguagePrimitives.ConvertTo<string>(Target is PSObject p ? p.BaseObject : Target) ?? "(item)";
        var what = Kind is null ? Name : $"{Kind.ToLowerInvariant()}/{Name}";
        return Namespace is null ? what : $"{what} (namespace {Namespace})";
    }
}
