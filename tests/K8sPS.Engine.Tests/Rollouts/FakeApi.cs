using System.Net;
using System.Text;
using k8s;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>
/// An IKubernetes whose HTTP requests never leave the process: each is recorded and answered by the test's
/// function, to check what the thin async helpers send.
/// </summary>
internal sealed class FakeApi : DelegatingHandler
{
    private readonly Func<Request, (HttpStatusCode Code, string Body)> _answer;

    public FakeApi(Func<Request, (HttpStatusCode, string)> answer) => _answer = answer;

    public sealed record Request(string Method, string PathAndQuery, string? ContentType, string Body);

    public List<Request> Requests { get; } = [];

    public IKubernetes Client() => new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }, this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var r = new Request(request.Method.Method, request.RequestUri!.PathAndQuery, request.Content?.Headers.ContentType?.MediaType, body);
        Requests.Add(r);
        var (code, text) = _answer(r);
        return new HttpResponseMessage(code) { Content = new StringContent(text, Encoding.UTF8, "application/json"), RequestMessage = request };
    }
}
