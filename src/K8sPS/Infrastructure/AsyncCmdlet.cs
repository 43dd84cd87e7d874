using System.Collections.Concurrent;
using System.Management.Automation;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of every cmdlet that does I/O. Begin/Process/End are sealed and forwarded to async methods;
/// writes made from any thread are queued and performed on the pipeline thread (PowerShell allows
/// no other); Ctrl+C (StopProcessing) cancels <see cref="CancellationToken"/>.
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

    /// <summary>Runs <paramref name="work"/> off the pipeline thread while this thread performs its writes.</summary>
    private void Run(Func<Task> work)
    {
        using var queue = new BlockingCollection<Action>();
        _pipelineWork = queue;
        var task = Task.Run(async () =>
        {
            try { await work().ConfigureAwait(false); }
            finally { queue.CompleteAdding(); }
        });
        try
        {
            foreach (var action in queue.GetConsumingEnumerable())
                action();
        }
        catch (PipelineStoppedException) { _stopping.Cancel(); throw; }
        finally { _pipelineWork = null; }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
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

    /// <summary>ShouldProcess asks the user on the pipeline thread and hands the answer back.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        OnPipelineThread(() =>
        {
            try { answer.SetResult(ShouldProcess(target, action)); }
            catch (Exception e) { answer.SetException(e); }
        });
        return answer.Task;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
