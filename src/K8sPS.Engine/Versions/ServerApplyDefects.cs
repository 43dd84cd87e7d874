using System.Globalization;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Versions;

/// <summary>
/// The defects of server-side apply that a server has, chosen from its version (/version) and what it serves
/// (discovery), and what K8sPS does about each so that a document kubectl applies is applied too, into the same
/// object: a document is edited before sending (<see cref="Prepare"/>), or a kind is applied another way
/// (<see cref="ApplyBroken"/>). Every workaround says what it did, for -Verbose. The one place these facts live.
/// </summary>
public sealed class ServerApplyDefects
{
    private static readonly KubeVersion[] ApiServiceFix = [new(1, 18, 18), new(1, 19, 10), new(1, 20, 6), new(1, 21, 0)];

    /// <summary>
    /// Service ports are keyed by port and protocol, and before the fix the server-side apply schema gave protocol no
    /// default, so a port without one cannot be keyed: "associative list with keys has an element that omits key
    /// field "protocol"". Container ports (containers, init and ephemeral containers) are keyed the same way but their
    /// protocol has its default (TCP) in the schema from 1.20 on; no other list of 1.20 or later is keyed on protocol.
    /// </summary>
    public static readonly ApplyDefect ServicePortProtocol = new("ServicePortProtocol",
        "server-side apply rejects a Service port without protocol (its list key) instead of defaulting it to TCP",
        ApiServiceFix, "sets protocol: TCP, the server's own default, on each Service port that has none",
        "kubernetes-sigs/structured-merge-diff#130 and #183; fixed by kubernetes/kubernetes#98576 (backported in #100714)");

    /// <summary>
    /// The apply schema types a quantity as a string, so a number is "expected string, got
    /// &amp;value.valueUnstructured{Value:0.5}", while every other write (and so kubectl apply) takes numbers. No release
    /// is known to accept numbers in server-side apply, so K8sPS sends the text on every server: it is what the server
    /// reads from the number anyway.
    /// </summary>
    public static readonly ApplyDefect NumericQuantity = new("NumericQuantity",
        "server-side apply rejects a quantity written as a number (cpu: 0.5, memory: 1e9)",
        [], "sends the number's own text as a string (0.5 as \"0.5\"), which the server parses into the same quantity",
        "kubernetes/kubernetes#94275");

    /// <summary>
    /// The aggregator, which serves apiregistration.k8s.io, was built without the OpenAPI models a field manager
    /// needs; a server-side apply of an APIService then panics the apiserver ("FieldManager must be installed to run
    /// apply") and the connection drops without an answer.
    /// </summary>
    public static readonly ApplyDefect ApiServiceApply = new("ApiServiceApply",
        "server-side apply of an APIService makes the apiserver panic (\"FieldManager must be installed to run apply\") and drop the connection",
        ApiServiceFix, "creates the APIService (POST) when it does not exist, else merges the document's fields into it (merge patch), with K8sPS's field manager",
        "kubernetes/kubernetes#89264; fixed by kubernetes/kubernetes#98576 (backported in #100714)");

    /// <summary>
    /// Not a bug of one release but of server-side apply itself beside a controller: an aggregated ClusterRole's rules
    /// are written by the clusterrole-aggregation controller, so applying the document's own "rules: []" again
    /// conflicts with it ("conflict with kube-controller-manager: .rules"), where kubectl's client-side apply sends no
    /// change. The controller replaces whatever rules the document has, so they are left out.
    /// </summary>
    public static readonly ApplyDefect AggregatedClusterRoleRules = new("AggregatedClusterRoleRules",
        "server-side apply of an aggregated ClusterRole (one with an aggregationRule) conflicts, once the controller has filled in its rules, with the controller that owns them",
        [], "leaves the document's rules out when it has an aggregationRule: the aggregation controller sets them, for K8sPS's object as for kubectl's",
        "kubernetes/kubernetes clusterrole-aggregation controller (pkg/controller/clusterroleaggregation)");

    /// <summary>Every defect K8sPS knows, in the order the README lists them.</summary>
    public static IReadOnlyList<ApplyDefect> Known { get; } = [ServicePortProtocol, NumericQuantity, ApiServiceApply, AggregatedClusterRoleRules];

    /// <summary>
    /// Not a defect K8sPS works around but a difference in the answer: server-side apply refuses a field its type's
    /// schema lacks with "failed to create typed patch object[ (...)]: .spec.x: field not declared in schema", as 500 on
    /// 1.20 and 400 later. The same body always gets the same answer, so that 500 is the server's verdict on the body,
    /// not a passing failure to retry. True for the error body of such a refusal.
    /// </summary>
    public static bool IsSchemaRefusal(string? errorBody) => errorBody?.Contains(SchemaRefusal, StringComparison.Ordinal) == true;

    /// <summary>The words every schema refusal of a server-side apply begins with (<see cref="IsSchemaRefusal"/>).</summary>
    public const string SchemaRefusal = "failed to create typed patch object";

    private readonly HashSet<string> _present;

    private ServerApplyDefects(string serverVersion, KubeVersion? version)
    {
        ServerVersion = serverVersion;
        Version = version;
        Present = Known.Where(d => d.Affects(version)).ToList();
        _present = Present.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The defects of the server <paramref name="catalog"/> describes.</summary>
    public static ServerApplyDefects For(IApiCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return For(catalog.ServerVersion);
    }

    /// <summary>The defects of a server that reports <paramref name="serverVersion"/> (unknown: all of them, see <see cref="ApplyDefect.Affects"/>).</summary>
    public static ServerApplyDefects For(string serverVersion) => new(serverVersion, KubeVersion.TryParse(serverVersion));

    /// <summary>What the server said its version is, for the notes.</summary>
    public string ServerVersion { get; }
    public KubeVersion? Version { get; }
    public IReadOnlyList<ApplyDefect> Present { get; }

    /// <summary>"Kubernetes 1.20.2", as the notes name the server.</summary>
    private string Server => Version is null ? "this server (its version is unknown)" : $"Kubernetes {ServerVersion}";

    public bool Has(ApplyDefect defect)
    {
        ArgumentNullException.ThrowIfNull(defect);
        return _present.Contains(defect.Id);
    }

    /// <summary>
    /// Edits <paramref name="body"/> (the object about to be sent for <paramref name="doc"/>) so this server can apply it,
    /// and says what was changed, one sentence a workaround with the document's lines; nothing for a document that
    /// needs nothing (the usual case costs a look at the kind and, for kinds that can hold quantities, at those branches).
    /// </summary>
    public IReadOnlyList<string> Prepare(JsonObject body, ApiResource resource, ManifestDocument doc)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(doc);
        List<string>? notes = null;
        if (Has(ServicePortProtocol) && resource.Group.Length == 0 && resource.Kind == "Service"
            && (body["spec"] as JsonObject)?["ports"] is JsonArray ports)
        {
            var filled = new List<string>();
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i] is not JsonObject port || port["protocol"] is not null) continue;
                port["protocol"] = "TCP";
                filled.Add($"spec.ports[{i.ToString(CultureInfo.InvariantCulture)}] (line {doc.LineOf($"spec.ports[{i.ToString(CultureInfo.InvariantCulture)}]").ToString(CultureInfo.InvariantCulture)})");
            }
            if (filled.Count > 0)
                (notes ??= []).Add($"protocol: TCP, the server's default, set on {string.Join(", ", filled)} before sending: server-side apply on {Server} "
                    + $"cannot key a Service port without its protocol (fixed in {ServicePortProtocol.FixedInText}).");
        }
        if (Has(NumericQuantity) && NumericQuantities.ModelOf(resource.ApiVersion, resource.Kind) is { } model)
        {
            var rewrites = NumericQuantities.ToText(body, model);
            if (rewrites.Count > 0)
                (notes ??= []).Add("quantities written as numbers sent as text, which the server reads into the same quantity: "
                    + string.Join(", ", rewrites.Select(r => $"{r.Path} {r.Number} as \"{r.Text}\" (line {doc.LineOf(r.Path).ToString(CultureInfo.InvariantCulture)})"))
                    + " (server-side apply takes a quantity only as a string).");
        }
        if (Has(AggregatedClusterRoleRules) && resource.Group == "rbac.authorization.k8s.io" && resource.Kind == "ClusterRole"
            && body["aggregationRule"] is JsonObject && body.ContainsKey("rules"))
        {
            body.Remove("rules");
            (notes ??= []).Add($"rules (line {doc.LineOf("rules").ToString(CultureInfo.InvariantCulture)}) left out: with an aggregationRule the aggregation controller writes this ClusterRole's rules, "
                + "and applying them again would conflict with it.");
        }
        return notes ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// Why server-side apply cannot be used for this kind on this server (a sentence for -Verbose), or null when it can.
    /// Apply then creates the object, or merges the document into the live one, instead.
    /// </summary>
    public string? ApplyBroken(ApiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (Has(ApiServiceApply) && resource.Group == "apiregistration.k8s.io" && resource.Kind == "APIService")
            return $"server-side apply of an APIService makes the apiserver of {Server} panic (fixed in {ApiServiceApply.FixedInText})";
        return null;
    }
}
