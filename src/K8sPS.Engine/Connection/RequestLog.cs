namespace K8sPS.Engine.Connection;

/// <summary>
/// Where the request pipeline says what it sent (method, path, status, milliseconds; never a body or a header),
/// for the current asynchronous flow: a cmdlet run with -Debug points it at its debug stream for the duration
/// of its work, and requests started by that work write there, whoever else uses the same cached connection.
/// </summary>
public static class RequestLog
{
    private static readonly AsyncLocal<Action<string>?> Sink = new();

    /// <summary>True while someone listens in this flow (so lines are only built for a listener).</summary>
    public static bool Enabled => Sink.Value is not null;

    /// <summary>Sends this flow's request lines to <paramref name="sink"/> (null: nowhere) until the result is disposed.</summary>
    public static IDisposable To(Action<string>? sink)
    {
        var previous = Sink.Value;
        Sink.Value = sink;
        return new Restore(previous);
    }

    /// <summary>Hands a line to this flow's listener; a listener that fails never fails the request.</summary>
    internal static void Write(string line)
    {
        try { Sink.Value?.Invoke(line); }
        catch (InvalidOperationException) { }
    }

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Sink.Value = previous;
    }
}
