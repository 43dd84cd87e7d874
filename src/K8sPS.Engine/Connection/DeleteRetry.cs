using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Connection;

/// <summary>
/// A delete whose answer was lost (the connection broke, our timeout, a 5xx, or a refused reconnect that hid them) may
/// have been carried out: it is sent again, and when that attempt meets 404 the object is gone, which is what the
/// delete asked for. It is answered as deleted (200 with a Success Status naming the object), so a lost answer is
/// not reported as NotFound; a delete that meets 404 on its first attempt stays NotFound.
/// </summary>
public static class DeleteRetry
{
    /// <summary>True when a DELETE of one object (not a collection) met 404 on a repeat after an attempt the server may have acted on.</summary>
    public static bool IsGoneAfterRepeat(HttpMethod method, Uri? uri, HttpStatusCode status, bool earlierMayHaveActed)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method == HttpMethod.Delete && status == HttpStatusCode.NotFound && earlierMayHaveActed
            && uri is not null && !CreateRetry.IsCollection(uri.AbsolutePath);
    }

    /// <summary>The answer such a delete gets: 200 with the Status the apiserver sends for a delete carried out.</summary>
    public static HttpResponseMessage Deleted(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.RequestUri!.AbsolutePath.TrimEnd('/').Split('/');
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new JsonObject { ["name"] = Uri.UnescapeDataString(segments[^1]), ["kind"] = segments[^2] },
        };
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            ReasonPhrase = "OK",
            Content = new StringContent(status.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }
}
