using System.Net;
using k8s.Autorest;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Which status the server answered a typed call with. Retries are not done here: every request goes
/// through the Engine's one retry policy (K8sPS.Engine.Connection.RetryPolicy) in the client's pipeline.
/// </summary>
public static class ApiStatus
{
    public static bool Is(Exception e, HttpStatusCode code) => e is HttpOperationException h && h.Response.StatusCode == code;
}
