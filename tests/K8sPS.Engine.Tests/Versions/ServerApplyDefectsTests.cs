using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.Tests.Versions;

/// <summary>Which servers have which server-side apply defect, and what K8sPS changes in a document before sending it.</summary>
public class ServerApplyDefectsTests
{
    private static readonly ApiResource Service = new("", "v1", "Service", "services", "service", true, ["svc"], ["patch"], true);
    private static readonly ApiResource ConfigMap = new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["patch"], true);
    private static readonly ApiResource Deployment = new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["patch"], true);
    private static readonly ApiResource LimitRange = new("", "v1", "LimitRange", "limitranges", "limitrange", true, ["limits"], ["patch"], true);
    private static readonly ApiResource ApiService = new("apiregistration.k8s.io", "v1", "APIService", "apiservices", "apiservice", false, [], ["patch"], true);

    [Theory]
    [InlineData("v1.20.2", 1, 20, 2)]
    [InlineData("1.20.2", 1, 20, 2)]
    [InlineData("v1.27.3-gke.100", 1, 27, 3)]
    [InlineData("v1.29.1+k3s2", 1, 29, 1)]
    [InlineData("v1.30", 1, 30, 0)]
    public void Versions_read_as_major_minor_patch_whatever_the_vendor_adds(string text, int major, int minor, int patch) =>
        Assert.Equal(new KubeVersion(major, minor, patch), KubeVersion.TryParse(text));

    [Theory]
    [InlineData("?")]
    [InlineData("test")]
    [InlineData("")]
    public void Text_that_is_no_version_is_none(string text) => Assert.Null(KubeVersion.TryParse(text));

    [Theory]
    [InlineData("1.20.2", true)]
    [InlineData("1.20.5", true)]
    [InlineData("1.20.6", false)]
    [InlineData("1.19.9", true)]
    [InlineData("1.19.10", false)]
    [InlineData("1.18.17", true)]
    [InlineData("1.17.4", true)]
    [InlineData("1.21.0", false)]
    [InlineData("1.35.1", false)]
    [InlineData("?", true)] // unknown: the workarounds give the same object where they are not needed
    public void The_protocol_and_APIService_defects_end_with_the_fix_of_each_release_line(string version, bool affected)
    {
        var defects = ServerApplyDefects.For(version);
        Assert.Equal(affected, defects.Has(ServerApplyDefects.ServicePortProtocol));
        Assert.Equal(affected, defects.Has(ServerApplyDefects.ApiServiceApply));
        Assert.Equal(affected, defects.ApplyBroken(ApiService) is not null);
        Assert.True(defects.Has(ServerApplyDefects.NumericQuantity)); // no release is known to take numbers
    }

    [Fact]
    public void The_fixes_are_named_as_released()
    {
        Assert.Equal("1.21; backported to 1.18.18, 1.19.10 and 1.20.6", ServerApplyDefects.ServicePortProtocol.FixedInText);
        Assert.Equal("no release known to fix it", ServerApplyDefects.NumericQuantity.FixedInText);
    }

    [Fact]
    public void A_Service_port_without_protocol_gets_TCP_on_an_affected_server_and_the_note_names_its_line()
    {
        var doc = Read("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  - port: 53\n    protocol: UDP\n  - port: 443\n    targetPort: 8443\n");
        var body = Body(doc);
        var notes = ServerApplyDefects.For("1.20.2").Prepare(body, Service, doc);
        Assert.Equal(["TCP", "UDP", "TCP"], body["spec"]!["ports"]!.AsArray().Select(p => p!["protocol"]!.GetValue<string>()));
        var note = Assert.Single(notes);
        Assert.Contains("spec.ports[0] (line 7), spec.ports[2] (line 10)", note, StringComparison.Ordinal);
        Assert.Contains("Kubernetes 1.20.2", note, StringComparison.Ordinal);

        var untouched = Body(doc);
        Assert.Empty(ServerApplyDefects.For("1.21.0").Prepare(untouched, Service, doc));
        Assert.Null(untouched["spec"]!["ports"]![0]!["protocol"]);
    }

    [Fact]
    public void Quantities_written_as_numbers_are_sent_as_the_text_kubectl_sends()
    {
        // kubectl's own encoding of each number (TestData/kubectl/quantities/README.md says how it was made).
        var kubectl = JsonNode.Parse(TestData.Read("kubectl/quantities/limitrange-kubectl.json"))!;
        var doc = ManifestReader.Read(TestData.Read("kubectl/quantities/limitrange-in.yaml"), "limitrange-in.yaml").Documents[0];
        var body = Body(doc);
        var notes = ServerApplyDefects.For("1.35.0").Prepare(body, LimitRange, doc);
        var limits = kubectl["spec"]!["limits"]!.AsArray();
        var sent = body["spec"]!["limits"]!.AsArray();
        var compared = 0;
        for (var i = 0; i < limits.Count; i++)
            foreach (var (section, values) in limits[i]!.AsObject())
            {
                if (values is not JsonObject map) continue;
                foreach (var (resource, number) in map)
                {
                    Assert.Equal(number!.ToJsonString(), sent[i]![section]![resource]!.GetValue<string>());
                    compared++;
                }
            }
        Assert.Equal(12, compared);
        var note = Assert.Single(notes);
        Assert.Contains("spec.limits[0].defaultRequest.cpu 0.5 as \"0.5\" (line 13)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_quantities_change_numbers_elsewhere_and_quantities_already_text_stay_as_they_are()
    {
        var doc = Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  terminationGracePeriodSeconds: 30
                  initContainers:
                  - name: init
                    image: busybox
                    resources:
                      limits: {cpu: 0.25, memory: 64Mi}
                  containers:
                  - name: web
                    image: nginx
                    ports:
                    - containerPort: 80
                    resources:
                      requests: {cpu: "500m", memory: 128974848}
                  volumes:
                  - name: scratch
                    emptyDir: {sizeLimit: 1073741824}
            """);
        var body = Body(doc);
        var before = body.DeepClone();
        ServerApplyDefects.For("1.20.2").Prepare(body, Deployment, doc);
        var spec = body["spec"]!["template"]!["spec"]!;
        Assert.Equal("0.25", spec["initContainers"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal("64Mi", spec["initContainers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("128974848", spec["containers"]![0]!["resources"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("500m", spec["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("1073741824", spec["volumes"]![0]!["emptyDir"]!["sizeLimit"]!.GetValue<string>());
        Assert.Equal(3, body["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(80, spec["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<long>());
        Assert.Equal(30, spec["terminationGracePeriodSeconds"]!.GetValue<long>());
        Assert.NotEqual(before.ToJsonString(), body.ToJsonString());
    }

    [Fact]
    public void A_document_that_needs_nothing_is_left_alone_and_gets_no_note()
    {
        var doc = Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"1\"\n");
        var body = Body(doc);
        Assert.Empty(ServerApplyDefects.For("1.20.2").Prepare(body, ConfigMap, doc));
        Assert.Equal(doc.Object!.ToJsonString(), body.ToJsonString());
        var service = Read("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n");
        Assert.Empty(ServerApplyDefects.For("1.20.2").Prepare(Body(service), Service, service));
    }

    [Fact]
    public void Quantities_of_a_version_the_client_models_lack_are_found_through_the_stable_version_of_the_kind()
    {
        // autoscaling/v2beta2 (served by 1.20) has no client model; autoscaling/v2 has the same metrics.
        var doc = Read("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 5\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}\n"
            + "  metrics:\n  - type: Pods\n    pods:\n      metric: {name: rps}\n      target: {type: AverageValue, averageValue: 100}\n");
        var body = Body(doc);
        var hpa = new ApiResource("autoscaling", "v2beta2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true, ["hpa"], ["patch"], false);
        Assert.Single(ServerApplyDefects.For("1.20.2").Prepare(body, hpa, doc));
        Assert.Equal("100", body["spec"]!["metrics"]![0]!["pods"]!["target"]!["averageValue"]!.GetValue<string>());
        Assert.Equal(5, body["spec"]!["maxReplicas"]!.GetValue<long>());
    }

    [Fact]
    public void An_aggregated_ClusterRole_goes_without_the_rules_its_controller_writes_and_a_plain_one_keeps_them()
    {
        var clusterRole = new ApiResource("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", "clusterrole", false, [], ["patch"], true);
        var aggregated = Read("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: view-all\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {aggregate: \"true\"}\nrules: []\n");
        var body = Body(aggregated);
        var note = Assert.Single(ServerApplyDefects.For("1.35.0").Prepare(body, clusterRole, aggregated));
        Assert.False(body.ContainsKey("rules"));
        Assert.Contains("rules (line 8) left out", note, StringComparison.Ordinal);

        var plain = Read("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get]\n");
        var plainBody = Body(plain);
        Assert.Empty(ServerApplyDefects.For("1.35.0").Prepare(plainBody, clusterRole, plain));
        Assert.True(plainBody.ContainsKey("rules"));
    }

    [Fact]
    public void Every_known_defect_says_what_it_is_what_K8sPS_does_and_where_it_is_reported()
    {
        Assert.Equal(4, ServerApplyDefects.Known.Count);
        Assert.All(ServerApplyDefects.Known, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Defect));
            Assert.False(string.IsNullOrWhiteSpace(d.Workaround));
            Assert.Contains("kubernetes", d.Reference, StringComparison.Ordinal);
        });
        Assert.Equal(ServerApplyDefects.Known.Count, ServerApplyDefects.Known.Select(d => d.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("""{"kind":"Status","status":"Failure","message":"failed to create typed patch object: .spec.color: field not declared in schema","code":500}""", true)]
    [InlineData("""{"kind":"Status","status":"Failure","message":"failed to create typed patch object (ns/odd; example.com/v1, Kind=Widget): .spec.x: field not declared in schema","code":400}""", true)]
    [InlineData("""{"kind":"Status","status":"Failure","message":"etcdserver: request timed out","code":500}""", false)]
    [InlineData(null, false)]
    public void A_schema_refusal_of_an_apply_is_told_by_its_words(string? body, bool refusal) => Assert.Equal(refusal, ServerApplyDefects.IsSchemaRefusal(body));

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.25e-12, "1.25e-12")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(-2.5, "-2.5")]
    public void Floats_are_written_as_Go_writes_them(double value, string go) => Assert.Equal(go, NumericQuantities.GoFloat(value));

    private static ManifestDocument Read(string yaml) => ManifestReader.Read(yaml).Documents[0];

    private static JsonObject Body(ManifestDocument doc) => (JsonObject)doc.Object!.DeepClone();
}
