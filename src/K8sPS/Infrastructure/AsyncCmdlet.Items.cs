using System.Collections.Concurrent;
using System.Management.Automation;
using K8sPS.Engine.Concurrency;

namespace K8sPS.Infrastructure;

/// <summary>
/// Bounded concurrency for pipeline input, the one way every cmdlet that changes objects runs its items
/// (<see cref="StartItemAsync"/>): up to -ThrottleLimit items in flight (<see cref="Throttle.DefaultLimit"/> unless
/// given), the next piped item taken without waiting for the previous one; ShouldProcess asked per item in input order
/// (an item asks only after every earlier one has asked or finished), so nothing of an item is sent before its answer;
/// what each item writes held back until every earlier item's writes are out, so output follows input order and is
/// written on the pipeline thread; Ctrl+C cancels every item in flight; with -ErrorAction Stop no item is started
/// after the first failure, and a warning names the items already sent whose outcome is not shown.
/// </summary>
public abstract partial class AsyncCmdlet
{
    private static readonly AsyncLocal<PipelineItem?> CurrentItem = new();
    private static readonly AsyncLocal<Dictionary<string, object>?> Answers = new();
    private readonly Lock _pumpGate = new();
    private readonly ConcurrentQueue<Action> _deferred = new();
    private int _pipelineThread = -1;
    private BoundedRunner<PipelineItem>? _items;
    private readonly List<PipelineItem> _unreported = [];
    private Task _previousTurn = Task.CompletedTask;
    private bool _stopOnError;
    private volatile bool _stopSending;
    private bool _stopReported;

    /// <summary>-ThrottleLimit when the cmdlet has it and it was given, else the one default.</summary>
    protected int ThrottleLimitValue =>
        MyInvocation.BoundParameters.TryGetValue("ThrottleLimit", out var v) && v is int n && n > 0 ? n : Throttle.DefaultLimit;

    /// <summary>
    /// Starts <paramref name="work"/> for one piped item and returns once it is in flight (waiting only for a free
    /// slot). Everything the work writes is that item's, written in input order; a failure is that item's error.
    /// The work must take what it needs of the cmdlet's pipeline-bound parameters before it is started: the next
    /// record rebinds them while it runs.
    /// </summary>
    protected async Task StartItemAsync(object? target, Func<Task> work, string? kind = null, string? name = null, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        CancellationToken.ThrowIfCancellationRequested();
        if (_stopSending)
        {
            // -ErrorAction Stop and an item failed: send nothing more; writing that failure ends the pipeline.
            await DrainItemsAsync().ConfigureAwait(false);
            return;
        }
        _items ??= new BoundedRunner<PipelineItem>(ThrottleLimitValue);
        var item = new PipelineItem(target, kind, name, ns, _previousTurn);
        _previousTurn = item.Turn.Task;
        lock (_unreported) _unreported.Add(item);
        await _items.StartAsync(item, (i, _) => RunItemAsync(i, work), CancellationToken).ConfigureAwait(false);
        ReportFinishedItems();
    }

    private async Task RunItemAsync(PipelineItem item, Func<Task> work)
    {
        CurrentItem.Value = item; // flows into every await of the work: its writes become the item's
        Answers.Value = [];
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteK8sError(e, item.Target, item.Kind, item.Name, item.Namespace);
        }
        finally
        {
            item.Finished = true;
            item.Turn.TrySetResult();
            CurrentItem.Value = null;
            Answers.Value = null;
        }
    }

    /// <summary>A write: the current item's when called from its work, else queued for the pipeline thread.</summary>
    private void Emit(Action write, bool isError = false)
    {
        if (CurrentItem.Value is { } item)
        {
            item.Add(write, isError);
            if (isError && _stopOnError) _stopSending = true;
            return;
        }
        OnPipelineThread(write);
    }

    /// <summary>
    /// A ShouldProcess question of an item waits for the earlier items' questions, so they come in input order. The
    /// same <paramref name="question"/> asked again by the same item (its read-modify-write retried after a 409) gets
    /// the first answer: under -Confirm the user is asked once per object, however often it is written.
    /// </summary>
    private async Task<T> InTurnAsync<T>(string? question, Func<Task<T>> ask)
    {
        var answers = question is null ? null : Answers.Value;
        var key = $"{typeof(T)}\n{question}"; // a yes/no and a yes/no with its reason are different answers
        if (answers is not null && answers.TryGetValue(key, out var given)) return (T)given;
        var answer = await InOrderAsync(ask).ConfigureAwait(false);
        if (answers is not null) answers[key] = answer!;
        return answer;
    }

    private async Task<T> InOrderAsync<T>(Func<Task<T>> ask)
    {
        var item = CurrentItem.Value;
        if (item is null) return await ask().ConfigureAwait(false);
        try
        {
            await item.PreviousTurn.WaitAsync(CancellationToken).ConfigureAwait(false);
            return await ask().ConfigureAwait(false);
        }
        finally { item.Turn.TrySetResult(); }
    }

    /// <summary>Writes the outcomes of the finished items at the head of the input order; does not wait.</summary>
    private protected void ReportFinishedItems()
    {
        if (_items is null) return;
        foreach (var o in _items.TakeCompleted()) Report(o.Item);
    }

    /// <summary>Waits for every item in flight and writes their outcomes, in input order.</summary>
    private protected async Task DrainItemsAsync()
    {
        if (_items is null) return;
        await foreach (var o in _items.DrainAsync(CancellationToken).ConfigureAwait(false)) Report(o.Item);
    }

    private void Report(PipelineItem item) => OnPipelineThread(() =>
    {
        foreach (var (write, isError) in item.TakeWrites())
        {
            if (isError && _stopOnError) WarnStopped(item);
            write();
        }
        lock (_unreported) _unreported.Remove(item);
    });

    /// <summary>Before the failure that ends the pipeline under -ErrorAction Stop: which later items were already sent.</summary>
    private void WarnStopped(PipelineItem failed)
    {
        if (_stopReported) return;
        _stopReported = true;
        List<PipelineItem> sent;
        lock (_unreported) sent = _unreported.Where(i => i != failed).ToList();
        WriteWarning(StopWarning.Text(failed.Describe(), "item", sent.Select(i => i.Describe()
            + (!i.Finished ? " (in flight: cancelled, may have been done)" : i.Failed ? " (failed)" : " (done)")).ToList()));
    }

    /// <summary>-ErrorAction Stop given, or $ErrorActionPreference Stop: the first error ends the command, so nothing more is sent.</summary>
    protected bool StopsAtFirstError => _stopOnError;

    private bool StopsOnError()
    {
        if (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var a))
            return a is ActionPreference.Stop || (a is string s && s.Equals("Stop", StringComparison.OrdinalIgnoreCase));
        return GetVariableValue("ErrorActionPreference") is ActionPreference.Stop;
    }
}
