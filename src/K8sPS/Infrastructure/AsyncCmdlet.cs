using System.Collections.Concurrent;
using System.Management.Automation;
using K8sPS.Engine.Connection;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of every cmdlet that does I/O. Begin/Process/End are sealed and forwarded to async methods;
/// writes made from any thread are queued and performed on the pipeline thread (PowerShell allows
/// no other); Ctrl+C (StopProcessing) and a write that stops the pipeline (-ErrorAction Stop) both
/// cancel <see cref="CancellationToken"/>, so no work goes on after the pipeline has ended. With -Debug,
/// every request the work sends is written to the debug stream (<see cref="RequestLog"/>).
/// </summary>
public abstract partial class AsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineQueue? _pipelineWork;
    private readonly ConcurrentQueue<string> _debugLines = new();
    private Action<string>? _debugSink;
    private bool _debugDecided;
    private bool _verbose;
    private bool _proceedsUnasked;
    private static readonly Task<bool> Yes = Task.FromResult(true);
    private static readonly Task<(bool, bool)> YesNotWhatIf = Task.FromResult((true, false));

    protected CancellationToken CancellationToken => _stopping.Token;

    protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
    protected virtual Task EndProcessingAsync() => Task.CompletedTask;

    protected sealed override void BeginProcessing()
    {
        // Read here, on the pipeline thread: session state is not safe from the async work.
        _stopOnError = StopsOnError();
        _verbose = StreamWanted("Verbose", "VerbosePreference");
        _proceedsUnasked = ShouldProcessProceedsUnasked();
        Run(BeginProcessingAsync);
    }
    protected sealed override void ProcessRecord() => Run(async () =>
    {
        ReportFinishedItems();
        await ProcessRecordAsync().ConfigureAwait(false);
        ReportFinishedItems();
    });

    // Items still in flight finish (and are reported in input order) before and after the cmdlet's own end.
    protected sealed override void EndProcessing() => Run(async () =>
    {
        await DrainItemsAsync().ConfigureAwait(false);
        await EndProcessingAsync().ConfigureAwait(false);
        await DrainItemsAsync().ConfigureAwait(false);
    });
    protected sealed override void StopProcessing() => _stopping.Cancel();

    /// <summary>What a terminating error is about when nothing more precise is known (a cluster name, a context).</summary>
    protected virtual object ErrorTarget => MyInvocation.MyCommand.Name;

    /// <summary>The ErrorRecord for an exception that escaped the async work (a terminating error).</summary>
    protected virtual ErrorRecord TerminatingErrorFor(Exception exception) => K8sErrorRecords.From(exception, ErrorTarget);

    /// <summary>
    /// True for a failure that belongs to one item: anything but the command being stopped (Ctrl+C, a stopped
    /// pipeline, -ErrorAction Stop), which ends the command instead.
    /// </summary>
    protected bool IsItemFailure(Exception exception) =>
        exception is not PipelineStoppedException && (exception is not OperationCanceledException || !CancellationToken.IsCancellationRequested);

    /// <summary>
    /// Runs the work for one item: a failure becomes that item's error (<see cref="WriteK8sError"/>) and the
    /// pipeline goes on with the next; being stopped ends the command. True when the work succeeded.
    /// </summary>
    protected async Task<bool> ForItemAsync(object? target, Func<Task> work, string? kind = null, string? name = null, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        Answers.Value = []; // flows into the work only: its questions are asked once, even when it is retried
        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteK8sError(e, target, kind, name, ns);
            return false;
        }
    }

    /// <summary>Writes a non-terminating error for one item; the pipeline goes on with the next.</summary>
    protected virtual void WriteK8sError(Exception exception, object? target, string? kind = null, string? name = null, string? ns = null)
        => WriteErrorAsync(K8sErrorRecords.From(exception, target, kind, name, ns));

    /// <summary>
    /// Starts <paramref name="work"/> on the pipeline thread and, while it awaits I/O, performs the
    /// writes it queues from other threads. Work that completes synchronously (the default no-op
    /// Begin/End) costs no thread hop at all.
    /// </summary>
    private void Run(Func<Task> work)
    {
        var queue = new PipelineQueue();
        _pipelineThread = Environment.CurrentManagedThreadId;
        lock (_pumpGate)
        {
            _pipelineWork = queue;
            // What items still in flight asked for while no pump ran (between two records) is done first.
            while (_deferred.TryDequeue(out var deferred)) queue.TryAdd(deferred);
        }
        // Requests started by this work, on whatever thread, log to this cmdlet's debug stream.
        using var requestLog = RequestLog.To(DebugSink());
        FlushDebug();
        Task task;
        try { task = work(); }
        catch (Exception e) { task = Task.FromException(e); }
        // No await here: PowerShell's pipeline thread has no synchronization context, so the work's
        // continuations run on the thread pool while this thread pumps the queue.
        _ = task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            while (queue.Take(out var action))
                action();
            FlushDebug();
        }
        catch
        {
            // A write threw (pipeline stopped, -ErrorAction Stop, a terminating error): stop the work
            // too, and wait for it without performing its remaining writes.
            _stopping.Cancel();
            while (queue.Take(out _)) { }
            try { task.Wait(); } catch (AggregateException) { }
            throw;
        }
        finally { lock (_pumpGate) _pipelineWork = null; }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is not RuntimeException)
        {
            ThrowTerminatingError(TerminatingErrorFor(e));
        }
    }

    /// <summary>Where request lines go: the debug stream with -Debug (or $DebugPreference set), else nowhere. Decided once.</summary>
    private Action<string>? DebugSink()
    {
        if (_debugDecided) return _debugSink;
        _debugDecided = true;
        var wanted = StreamWanted("Debug", "DebugPreference");
        // Requests may still be running between Process calls, when there is no pump to write on: their lines wait
        // in a queue until the next pump (or the end of this one) writes them, in order.
        if (wanted)
            _debugSink = line =>
            {
                _debugLines.Enqueue(line);
                _pipelineWork?.TryAdd(FlushDebug);
            };
        return _debugSink;
    }

    /// <summary>Whether a stream's lines are shown: its switch (-Verbose, -Debug) when given, else its preference variable.</summary>
    private bool StreamWanted(string parameter, string preference) =>
        MyInvocation.BoundParameters.TryGetValue(parameter, out var given) ? ((SwitchParameter)given).IsPresent
            : GetVariableValue(preference) is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;

    private void FlushDebug()
    {
        while (_debugLines.TryDequeue(out var line)) WriteDebug(line);
    }

    /// <summary>Performs <paramref name="action"/> on the pipeline thread, now if already there.</summary>
    /// <remarks>
    /// Work for piped items goes on between two records, when no pump runs: what it asks for then waits for the next
    /// pump (the next record, or the end), since PowerShell accepts writes and prompts on the pipeline thread only.
    /// </remarks>
    protected void OnPipelineThread(Action action)
    {
        lock (_pumpGate)
        {
            if (_pipelineWork?.TryAdd(action) == true) return; // else no pump runs, or the work ended meanwhile
            if (Environment.CurrentManagedThreadId != _pipelineThread && !_stopping.IsCancellationRequested)
            {
                _deferred.Enqueue(action);
                return;
            }
        }
        if (Environment.CurrentManagedThreadId == _pipelineThread) action();
    }

    protected void WriteObjectAsync(object? item) => Emit(() => WriteObject(item));
    protected void WriteObjectsAsync(IEnumerable<object?> items) => Emit(() => { foreach (var i in items) WriteObject(i); });
    protected void WriteErrorAsync(ErrorRecord record) => Emit(() => WriteError(record), isError: true);
    protected void WriteWarningAsync(string text) => Emit(() => WriteWarning(text));
    // Without -Verbose nothing is queued: a batch of thousands would hold and hop a discarded line per item.
    protected void WriteVerboseAsync(string text)
    {
        if (_verbose) Emit(() => WriteVerbose(text));
    }
    protected void WriteProgressAsync(ProgressRecord record) => OnPipelineThread(() => WriteProgress(record));

    /// <summary>Ends the command with <paramref name="record"/> as its terminating error, from any thread.</summary>
    protected void ThrowTerminatingErrorAsync(ErrorRecord record) => OnPipelineThread(() => ThrowTerminatingError(record));

    /// <summary>
    /// Runs <paramref name="func"/> on the pipeline thread (prompts and PowerShell's session state live
    /// there) and hands its result back to the async work.
    /// </summary>
    protected Task<T> OnPipelineAsync<T>(Func<T> func)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // If the pipeline stops before func runs, its queued call is dropped: the worker must not wait forever.
        var registration = _stopping.Token.Register(() => answer.TrySetCanceled());
        OnPipelineThread(() =>
        {
            try { answer.TrySetResult(func()); }
            catch (Exception e) { answer.TrySetException(e); }
            finally { registration.Dispose(); }
        });
        return answer.Task;
    }

    /// <summary>
    /// Completes once every write queued before it has been performed on the pipeline thread: a list waits here at
    /// each page's end, so a pipeline stopped meanwhile (Select-Object -First 5) cancels it before the next page is asked for.
    /// </summary>
    protected Task WaitForWritesAsync() => OnPipelineAsync(() => true);

    /// <summary>
    /// Whether ShouldProcess would answer yes without a prompt and without a line: no -WhatIf (nor $WhatIfPreference),
    /// no -Confirm, no -Verbose (it writes what it does), no -Debug, and the cmdlet's ConfirmImpact below
    /// $ConfirmPreference. Then the answer needs no trip to the pipeline thread: on a piped batch of thousands, two
    /// thread hops an item for a yes known in advance cost CPU the apiserver on a small machine needs.
    /// </summary>
    private bool ShouldProcessProceedsUnasked()
    {
        var bound = MyInvocation.BoundParameters;
        if (_verbose || bound.ContainsKey("Debug")) return false;
        var whatIf = bound.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        if (whatIf) return false;
        if (bound.TryGetValue("Confirm", out var c)) return !((SwitchParameter)c).IsPresent; // -Confirm:$false never asks
        var impact = GetType().GetCustomAttributes(typeof(CmdletAttribute), true).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
        return LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference)
            && (preference == ConfirmImpact.None || preference > impact);
    }

    /// <summary>ShouldProcess asks the user on the pipeline thread and hands the answer back.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) =>
        _proceedsUnasked ? Unasked(Yes) : InTurnAsync($"{action}\n{target}", () => OnPipelineAsync(() => ShouldProcess(target, action)));

    /// <summary>The answer known in advance; a command being stopped gets no answer, as from ShouldProcess itself.</summary>
    private Task<T> Unasked<T>(Task<T> answer)
    {
        CancellationToken.ThrowIfCancellationRequested();
        return answer;
    }

    /// <summary>
    /// ShouldProcess for each of many targets, in order, in one visit to the pipeline thread: for a file of thousands
    /// of documents, a thread hop a question cost more than the questions.
    /// </summary>
    protected Task<bool[]> ShouldProcessEachAsync(IEnumerable<string> targets, string action) =>
        _proceedsUnasked ? Unasked(Task.FromResult(targets.Select(_ => true).ToArray()))
            : InTurnAsync(null, () => OnPipelineAsync(() => targets.Select(t => ShouldProcess(t, action)).ToArray()));

    /// <summary>
    /// ShouldProcess with PowerShell's own reason for its answer: WhatIf is true when the answer was no because of
    /// -WhatIf (or $WhatIfPreference). The text is PowerShell's usual "Performing the operation ... on target ...".
    /// </summary>
    protected Task<(bool Proceed, bool WhatIf)> ShouldProcessWithReasonAsync(string target, string action) => _proceedsUnasked ? Unasked(YesNotWhatIf)
        : InTurnAsync($"{action}\n{target}", () => OnPipelineAsync(() =>
    {
        var description = $"Performing the operation \"{action}\" on target \"{target}\".";
        var proceed = ShouldProcess(description, $"Are you sure you want to perform this action?{Environment.NewLine}{description}", "Confirm", out var reason);
        return (proceed, reason == ShouldProcessReason.WhatIf);
    }));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Derived cmdlets that own disposables release them here, and call the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _items?.Dispose();
            _stopping.Dispose();
        }
    }
}
