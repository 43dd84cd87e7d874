using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// The JSON metrics-server writes, field for field: PodMetrics and NodeMetrics (items of a list carry no
/// kind/apiVersion, as Go leaves them empty), discovery documents, Tables and Status errors. CPU is written
/// as the canonical form of a quantity in nanocores ("250m", "1234567n"), memory of one in bytes ("64Mi",
/// "12940Ki"), exactly as resource.Quantity prints them.
/// </summary>
internal static class MetricsJson
{
    public const string Group = "metrics.k8s.io";
    public const string Version = "v1beta1";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>One pod's metrics at one moment.</summary>
    public sealed record PodEntry(V1Pod Pod, IReadOnlyList<ContainerUsage> Containers);

    /// <summary>One node's metrics at one moment.</summary>
    public sealed record NodeEntry(V1Node Node, long NanoCores, long MemoryBytes);

    public static string Cpu(long nanoCores) =>
        new ResourceQuantity(nanoCores, -9, ResourceQuantity.SuffixFormat.DecimalSI).CanonicalizeString();

    public static string Memory(long bytes) =>
        new ResourceQuantity(bytes, 0, ResourceQuantity.SuffixFormat.BinarySI).CanonicalizeString();

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A Go time.Duration's String() for whole or fractional seconds: "10s", "1.5s", "1m0s".</summary>
    public static string Duration(TimeSpan d)
    {
        if (d < TimeSpan.FromMinutes(1)) return d.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        var minutes = (long)d.TotalMinutes;
        var seconds = (d - TimeSpan.FromMinutes(minutes)).TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture);
        return minutes >= 60 ? $"{minutes / 60}h{minutes % 60}m{seconds}s" : $"{minutes}m{seconds}s";
    }

    public static byte[] PodMetrics(PodEntry entry, DateTimeOffset now, TimeSpan window) =>
        Write(w => WritePod(w, entry, now, window, withType: true));

    public static byte[] PodMetricsList(IEnumerable<PodEntry> entries, DateTimeOffset now, TimeSpan window) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "PodMetricsList");
            w.WriteString("apiVersion", GroupVersion);
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var e in entries) WritePod(w, e, now, window, withType: false);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] NodeMetrics(NodeEntry entry, DateTimeOffset now, TimeSpan window) =>
        Write(w => WriteNode(w, entry, now, window, withType: true));

    public static byte[] NodeMetricsList(IEnumerable<NodeEntry> entries, DateTimeOffset now, TimeSpan window) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "NodeMetricsList");
            w.WriteString("apiVersion", GroupVersion);
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var e in entries) WriteNode(w, e, now, window, withType: false);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>
    /// A meta.k8s.io/v1 Table as metrics-server's table convertor makes it (for `kubectl get podmetrics`):
    /// Name, then cpu and memory summed over the containers, then Window.
    /// </summary>
    public static byte[] Table(IEnumerable<(string Name, string? Namespace, DateTimeOffset Created, long NanoCores, long MemoryBytes)> rows, TimeSpan window, DateTimeOffset now) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "Table");
            w.WriteString("apiVersion", "meta.k8s.io/v1");
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteStartArray("columnDefinitions");
            Column(w, "Name", "string", "name", "Name of the resource");
            Column(w, "cpu", "string", "quantity", "");
            Column(w, "memory", "string", "quantity", "");
            Column(w, "Window", "string", "duration", "");
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteStartArray("cells");
                w.WriteStringValue(r.Name);
                w.WriteStringValue(Cpu(r.NanoCores));
                w.WriteStringValue(Memory(r.MemoryBytes));
                w.WriteStringValue(Duration(window));
                w.WriteEndArray();
                w.WriteStartObject("object");
                w.WriteString("kind", "PartialObjectMetadata");
                w.WriteString("apiVersion", "meta.k8s.io/v1");
                w.WriteStartObject("metadata");
                w.WriteString("name", r.Name);
                if (r.Namespace is not null) w.WriteString("namespace", r.Namespace);
                w.WriteString("creationTimestamp", Time(now));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>/apis/metrics.k8s.io/v1beta1: the two resources, get and list only (no watch), as metrics-server serves them.</summary>
    public static byte[] ResourceList() =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "APIResourceList");
            w.WriteString("apiVersion", "v1");
            w.WriteString("groupVersion", GroupVersion);
            w.WriteStartArray("resources");
            foreach (var (name, namespaced, kind) in new[] { ("nodes", false, "NodeMetrics"), ("pods", true, "PodMetrics") })
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", namespaced);
                w.WriteString("kind", kind);
                w.WriteStartArray("verbs");
                w.WriteStringValue("get");
                w.WriteStringValue("list");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] ApiGroup() => Write(w => WriteGroup(w, withType: true));

    public static byte[] ApiGroupList() =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "APIGroupList");
            w.WriteString("apiVersion", "v1");
            w.WriteStartArray("groups");
            WriteGroup(w, withType: false);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>A metav1.Status failure, as the generic API server writes it.</summary>
    public static byte[] Status(int code, string reason, string message, string? name = null, string? group = null, string? kind = null) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "Status");
            w.WriteString("apiVersion", "v1");
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteString("status", "Failure");
            w.WriteString("message", message);
            w.WriteString("reason", reason);
            if (name is not null || group is not null || kind is not null)
            {
                w.WriteStartObject("details");
                if (!string.IsNullOrEmpty(name)) w.WriteString("name", name);
                if (!string.IsNullOrEmpty(group)) w.WriteString("group", group);
                if (!string.IsNullOrEmpty(kind)) w.WriteString("kind", kind);
                w.WriteEndObject();
            }
            w.WriteNumber("code", code);
            w.WriteEndObject();
        });

    private static void WriteGroup(Utf8JsonWriter w, bool withType)
    {
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("kind", "APIGroup");
            w.WriteString("apiVersion", "v1");
        }
        w.WriteString("name", Group);
        w.WriteStartArray("versions");
        w.WriteStartObject();
        w.WriteString("groupVersion", GroupVersion);
        w.WriteString("version", Version);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("preferredVersion");
        w.WriteString("groupVersion", GroupVersion);
        w.WriteString("version", Version);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Column(Utf8JsonWriter w, string name, string type, string format, string description)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", type);
        w.WriteString("format", format);
        w.WriteString("description", description);
        w.WriteNumber("priority", 0);
        w.WriteEndObject();
    }

    private static void WritePod(Utf8JsonWriter w, PodEntry e, DateTimeOffset now, TimeSpan window, bool withType)
    {
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("kind", "PodMetrics");
            w.WriteString("apiVersion", GroupVersion);
        }
        WriteMetadata(w, e.Pod.Metadata?.Name ?? "", e.Pod.Metadata?.NamespaceProperty, e.Pod.Metadata?.Labels, now);
        w.WriteString("timestamp", Time(now));
        w.WriteString("window", Duration(window));
        w.WriteStartArray("containers");
        foreach (var c in e.Containers)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteStartObject("usage");
            w.WriteString("cpu", Cpu(c.NanoCores));
            w.WriteString("memory", Memory(c.MemoryBytes));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter w, NodeEntry e, DateTimeOffset now, TimeSpan window, bool withType)
    {
        w.WriteStartObject();
        if (withType)
        {
            w.WriteString("kind", "NodeMetrics");
            w.WriteString("apiVersion", GroupVersion);
        }
        WriteMetadata(w, e.Node.Metadata?.Name ?? "", null, e.Node.Metadata?.Labels, now);
        w.WriteString("timestamp", Time(now));
        w.WriteString("window", Duration(window));
        w.WriteStartObject("usage");
        w.WriteString("cpu", Cpu(e.NanoCores));
        w.WriteString("memory", Memory(e.MemoryBytes));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // metrics-server: the object's name, namespace and labels; creationTimestamp is the moment of the answer.
    private static void WriteMetadata(Utf8JsonWriter w, string name, string? ns, IDictionary<string, string>? labels, DateTimeOffset now)
    {
        w.WriteStartObject("metadata");
        w.WriteString("name", name);
        if (!string.IsNullOrEmpty(ns)) w.WriteString("namespace", ns);
        w.WriteString("creationTimestamp", Time(now));
        if (labels is { Count: > 0 })
        {
            w.WriteStartObject("labels");
            foreach (var (k, v) in labels.OrderBy(l => l.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            body(w);
        return buffer.ToArray();
    }
}
