using System.Diagnostics;
using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>
/// <c>kubectl wait</c> on one object: watches it (<see cref="ObjectWatch"/>, so a dropped connection is resumed)
/// and checks <see cref="WaitCondition"/> on every version until it holds, the timeout passes (kubectl's
/// "timed out waiting for the condition", here with what was seen last), or the token is cancelled.
/// </summary>
public static class ConditionWaiter
{
    /// <summary>
    /// Waits for the object named <paramref name="name"/>. As kubectl: a condition or jsonpath wait on an object
    /// that does not exist fails NotFound at once; a delete wait on one that does not exist is met at once; a
    /// create wait waits for it. <paramref name="timeout"/> zero checks once; <see cref="Timeout.InfiniteTimeSpan"/>
    /// (or any negative value) waits as long as it takes. <paramref name="progress"/> hears every check.
    /// </summary>
    public static async Task<WaitOutcome> ForNameAsync(ObjectWatch watch, WaitTarget target, string name, WaitCondition condition,
        TimeSpan timeout, Action<WaitCheck>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var started = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout > TimeSpan.Zero) limit.CancelAfter(timeout);
        WaitCheck? last = null;
        string? originalUid = null;
        JsonObject? current = null;
        try
        {
            await foreach (var e in watch.WatchAsync(target.CollectionPath, "metadata.name=" + name, null, limit.Token).ConfigureAwait(false))
            {
                WaitCheck check;
                switch (e.Type)
                {
                    case WatchEventKind.Synced:
                        if (current is null && condition.Kind is WaitKind.Condition or WaitKind.JsonPath)
                            throw new K8sException(new K8sError("NotFound", K8sErrorCategory.NotFound, $"{target.Resource} \"{name}\" not found{In(target)}")
                            {
                                Kind = target.Kind,
                                Name = name,
                                Namespace = target.Namespace,
                                RecommendedAction = "Check the name and namespace; to wait until it is created, use -For create first.",
                            });
                        check = condition.Check(current, originalUid);
                        if (!check.Met && timeout == TimeSpan.Zero)
                            throw new K8sException(Timeout(condition, target, name, check));
                        break;
                    case WatchEventKind.Deleted:
                        current = null;
                        check = condition.Check(null, originalUid);
                        break;
                    default:
                        current = e.Object;
                        originalUid ??= e.Uid;
                        check = condition.Check(current, originalUid);
                        break;
                }
                last = check;
                progress?.Invoke(check);
                if (check.Met)
                    return new WaitOutcome(target.Kind, target.TypeName, name, target.Namespace, condition.Description, check.Observed, started.Elapsed,
                        condition.Kind == WaitKind.Delete ? null : current);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new K8sException(Timeout(condition, target, name, last));
        }
        throw new InvalidOperationException("The watch ended without an answer.");
    }

    /// <summary>
    /// A create wait on a label selector: met when any object matching it exists; the outcome names that object.
    /// </summary>
    public static async Task<WaitOutcome> ForAnyAsync(ObjectWatch watch, WaitTarget target, string labelSelector, WaitCondition condition,
        TimeSpan timeout, Action<WaitCheck>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout > TimeSpan.Zero) limit.CancelAfter(timeout);
        var last = new WaitCheck(false, $"no object matches {labelSelector} yet");
        try
        {
            await foreach (var e in watch.WatchAsync(target.CollectionPath, null, labelSelector, limit.Token).ConfigureAwait(false))
            {
                if (e.Type is WatchEventKind.Added or WatchEventKind.Modified && condition.Check(e.Object) is { Met: true } check)
                {
                    progress?.Invoke(check);
                    return new WaitOutcome(target.Kind, target.TypeName, e.Name ?? "", e.Namespace ?? target.Namespace, condition.Description, check.Observed, started.Elapsed, e.Object);
                }
                if (e.Type == WatchEventKind.Synced)
                {
                    progress?.Invoke(last);
                    if (timeout == TimeSpan.Zero) throw new K8sException(Timeout(condition, target, labelSelector, last));
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new K8sException(Timeout(condition, target, labelSelector, last));
        }
        throw new InvalidOperationException("The watch ended without an answer.");
    }

    private static K8sError Timeout(WaitCondition condition, WaitTarget target, string name, WaitCheck? last)
    {
        var e = condition.TimeoutError(target.Resource, name, last, target.Namespace);
        return new K8sError(e.ErrorId, e.Category, e.Message)
        {
            Kind = target.Kind,
            Name = name,
            Namespace = target.Namespace,
            RecommendedAction = e.RecommendedAction,
        };
    }

    private static string In(WaitTarget target) => target.Namespace is null ? "" : $" in namespace \"{target.Namespace}\"";
}
