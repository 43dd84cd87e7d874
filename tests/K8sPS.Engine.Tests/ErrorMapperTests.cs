using System.Net;
using System.Net.Sockets;
using k8s.Autorest;
using k8s.Exceptions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Tests;

public class ErrorMapperTests
{
    // Bodies as a 1.20 apiserver sends them.
    private const string NotFound = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"web\" not found","reason":"NotFound","details":{"name":"web","group":"apps","kind":"deployments"},"code":404}""";
    private const string AlreadyExists = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"web\" already exists","reason":"AlreadyExists","details":{"name":"web","group":"apps","kind":"deployments"},"code":409}""";
    private const string Invalid = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \"Bad\" is invalid: [metadata.name: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, spec.replicas: Invalid value: -1: must be greater than or equal to 0]","reason":"Invalid","details":{"name":"Bad","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters","field":"metadata.name"},{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"}]},"code":422}""";
    private const string Forbidden = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}""";
    private const string Conflict = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"web","group":"apps","kind":"deployments"},"code":409}""";

    [Theory]
    [InlineData(404, NotFound, "NotFound", K8sErrorCategory.NotFound, "deployments.apps \"web\" not found")]
    [InlineData(409, AlreadyExists, "AlreadyExists", K8sErrorCategory.AlreadyExists, "deployments.apps \"web\" already exists")]
    [InlineData(403, Forbidden, "Forbidden", K8sErrorCategory.PermissionDenied, "pods is forbidden: User \"bob\" cannot list")]
    [InlineData(409, Conflict, "Conflict", K8sErrorCategory.Conflict, "the object has been modified")]
    [InlineData(401, "", "Unauthorized", K8sErrorCategory.AuthenticationFailed, "401 (Unauthorized)")]
    [InlineData(503, "<html>Service Unavailable</html>", "ServiceUnavailable", K8sErrorCategory.ServerUnreachable, "<html>Service Unavailable</html>")]
    [InlineData(500, """{"kind":"Status","reason":"InternalError","message":"etcdserver: request timed out"}""", "InternalError", K8sErrorCategory.ServerError, "etcdserver: request timed out")]
    public void Maps_a_Status_to_reason_category_and_message(int code, string body, string id, K8sErrorCategory category, string message)
    {
        var error = ErrorMapper.FromStatus(code, body);
        Assert.Equal(id, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.Contains(message, error.Message);
        Assert.Equal(code, error.StatusCode);
    }

    [Theory]
    // What server-side apply answers for a field a CRD's schema does not declare: 1.20 (500, no reason) and later (400).
    [InlineData(500, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"failed to create typed patch object: .spec.color: field not declared in schema","code":500}""", new[] { "spec.color" })]
    [InlineData(400, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"failed to create typed patch object (ns/odd; k8sps.example.com/v1, Kind=Widget): errors:\n  .spec.color: field not declared in schema\n  .spec.tags[0].x: field not declared in schema","reason":"BadRequest","code":400}""", new[] { "spec.color", "spec.tags[0].x" })]
    public void A_field_not_declared_in_the_schema_is_an_unknown_field_with_its_path(int code, string body, string[] fields)
    {
        var error = ErrorMapper.FromStatus(code, body, "Widget", "odd", "ns");
        Assert.Equal("UnknownField", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(fields, error.Causes.Select(c => c.Field));
        Assert.Contains("unknown field 'color'", error.Causes[0].Message);
        Assert.Contains("CRD", error.RecommendedAction);
    }

    [Fact]
    public void Invalid_keeps_every_cause_with_its_field()
    {
        var error = ErrorMapper.FromStatus(422, Invalid, "Deployment", "Bad", "default");
        Assert.Equal("Invalid", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(["metadata.name", "spec.replicas"], error.Causes.Select(c => c.Field));
        Assert.Equal("Bad", error.Name);
        // The server's message already lists the causes: they are not repeated.
        Assert.Equal(error.Message, error.FullMessage);
    }

    [Fact]
    public void Names_the_object_when_the_server_did_not()
    {
        var error = ErrorMapper.FromStatus(404, "", "Pod", "web-1", "shop");
        Assert.Equal("The server answered 404 (NotFound) for pod \"web-1\" in namespace \"shop\".", error.Message);
        Assert.Equal("web-1", error.Name);
        Assert.Equal("shop", error.Namespace);
    }

    [Fact]
    public void A_failed_call_keeps_the_status_but_never_the_request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/api/v1/pods");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-token");
        var failure = new HttpOperationException("Operation returned an invalid status code 'NotFound'")
        {
            Request = new HttpRequestMessageWrapper(request, ""),
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.NotFound), NotFound),
        };

        var shown = ErrorMapper.ToException(failure, "Deployment", "web", "default");

        Assert.Equal("NotFound", shown.Error.ErrorId);
        Assert.Null(shown.InnerException); // the request, with its Authorization header, is dropped
        Assert.DoesNotContain("secret-token", shown.ToString());
    }

    [Fact]
    public void A_refused_connection_is_ServerUnreachable_naming_the_server()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));
        var error = ErrorMapper.Map(refused, "Pod", "web", server: "https://127.0.0.1:1");
        Assert.Equal("ServerUnreachable", error.ErrorId);
        Assert.Equal(K8sErrorCategory.ServerUnreachable, error.Category);
        Assert.Equal("Cannot reach https://127.0.0.1:1: connection refused.", error.Message);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public void A_bad_kubeconfig_is_InvalidConfiguration()
    {
        var error = ErrorMapper.Map(new KubeConfigException("Cluster not found for context `x` in kubeconfig"));
        Assert.Equal("InvalidKubeconfig", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidConfiguration, error.Category);
        Assert.Contains("Cluster not found", error.Message);
    }

    [Fact]
    public void Our_own_errors_pass_through_unchanged()
    {
        var mine = new K8sException(new K8sError("ContextNotFound", K8sErrorCategory.NotFound, "no such context"));
        Assert.Same(mine, ErrorMapper.ToException(mine));
    }
}
