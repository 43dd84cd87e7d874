using System.Net;
using k8s.Autorest;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>Retries API calls that failed for a passing reason (throttling, a restarting server), with exponential backoff.</summary>
public static class ApiRetry
{
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct, int attempts = 6, TimeSpan? firstDelay = null)
    {
        var delay = firstDelay ?? TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e, ct))
            {
                // Jitter keeps many pods' retries from hitting the server in the same instant.
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)delay.TotalMilliseconds + 1)), ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct, int attempts = 6) =>
        RunAsync(async c => { await call(c).ConfigureAwait(false); return true; }, ct, attempts);

    public static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        HttpOperationException h => h.Response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        HttpRequestException or IOException => true,
        // A client-side timeout, not our own cancellation.
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    public static bool IsStatus(Exception e, HttpStatusCode code) => e is HttpOperationException h && h.Response.StatusCode == code;
}
