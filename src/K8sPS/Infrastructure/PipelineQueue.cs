namespace K8sPS.Infrastructure;

/// <summary>
/// The writes and prompts waiting for the pipeline thread during one Begin/Process/End call. It blocks without
/// spinning: a BlockingCollection's semaphore spins before it sleeps, and on a piped batch of thousands of items
/// that spinning took most of the pipeline thread's CPU, CPU the apiserver on a small machine needs.
/// </summary>
internal sealed class PipelineQueue
{
    private readonly Queue<Action> _actions = new();
    private readonly object _gate = new();
    private bool _completed;

    /// <summary>Queues <paramref name="action"/>; false once <see cref="CompleteAdding"/> was called.</summary>
    public bool TryAdd(Action action)
    {
        lock (_gate)
        {
            if (_completed) return false;
            _actions.Enqueue(action);
            if (_actions.Count == 1) Monitor.Pulse(_gate);
            return true;
        }
    }

    /// <summary>Nothing more is added; <see cref="Take"/> returns what is left, then false.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The next action, waiting for one; false when adding is complete and nothing is left.</summary>
    public bool Take(out Action action)
    {
        lock (_gate)
        {
            while (_actions.Count == 0 && !_completed) Monitor.Wait(_gate);
            return _actions.TryDequeue(out action!);
        }
    }
}
