using System.Collections.Concurrent;
using System.Management.Automation;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of every cmdlet that does I/O. Begin/Process/End are sealed and forwarded to async methods;
/// writes made from any thread are queued and performed on the pipeline thread (PowerShell allows
/// no other); Ctrl+C (StopProcessing) and a write that stops the pipeline (-ErrorAction Stop) both
/// cancel <see cref="CancellationToken"/>, so no work goes on after the pipeline has ended.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private BlockingCollection<Action>? _pipelineWork;

    protected CancellationToken CancellationToken => _stopping.Token;

    protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
    protected virtual Task EndProcessingAsync() => Task.CompletedTask;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);
    protected sealed override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// The ErrorRecord for an exception that escaped the async work (a terminating error). Derived
    /// classes map their own exception types; the default wraps it as-is.
    /// </summary>
    protected virtual ErrorRecord TerminatingErrorFor(Exception exception)
        => new(exception, exception.GetType().Name, ErrorCategory.NotSpecified, null);

    /// <summary>
    /// Starts <paramref name="work"/> on the pipeline thread and, while it awaits I/O, performs the
    /// writes it queues from other threads. Work that completes synchronously (the default no-op
    /// Begin/End) costs no thread hop at all.
    /// </summary>
    private void Run(Func<Task> work)
    {
        using var queue = new BlockingCollection<Action>();
        _pipelineWork = queue;
        Task task;
        try { task = work(); }
        catch (Exception e) { task = Task.FromException(e); }
        // No await here: PowerShell's pipeline thread has no synchronization context, so the work's
        // continuations run on the thread pool while this thread pumps the queue.
        _ = task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            foreach (var action in queue.GetConsumingEnumerable())
                action();
        }
        catch
        {
            // A write threw (pipeline stopped, -ErrorAction Stop, a terminating error): stop the work
            // too, and wait for it without performing its remaining writes.
            _stopping.Cancel();
            foreach (var _ in queue.GetConsumingEnumerable()) { }
            try { task.Wait(); } catch (AggregateException) { }
            throw;
        }
        finally { _pipelineWork = null; }

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

    /// <summary>Performs <paramref name="action"/> on the pipeline thread, now if already there.</summary>
    protected void OnPipelineThread(Action action)
    {
        var queue = _pipelineWork;
        if (queue is null || queue.IsAddingCompleted) { action(); return; }
        queue.Add(action);
    }

    protected void WriteObjectAsync(object? item) => OnPipelineThread(() => WriteObject(item));
    protected void WriteObjectsAsync(IEnumerable<object?> items) => OnPipelineThread(() => { foreach (var i in items) WriteObject(i); });
    protected void WriteErrorAsync(ErrorRecord record) => OnPipelineThread(() => WriteError(record));
    protected void WriteWarningAsync(string text) => OnPipelineThread(() => WriteWarning(text));
    protected void WriteVerboseAsync(string text) => OnPipelineThread(() => WriteVerbose(text));
    protected void WriteProgressAsync(ProgressRecord record) => OnPipelineThread(() => WriteProgress(record));

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
        });
        return answer.Task.ContinueWith(t => { registration.Dispose(); return t; }, TaskScheduler.Default).Unwrap();
    }

    /// <summary>ShouldProcess asks the user on the pipeline thread and hands the answer back.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) => OnPipelineAsync(() => ShouldProcess(target, action));

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
