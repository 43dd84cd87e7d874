using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>Whose events: the pod they are about and the node whose kubelet records them.</summary>
public sealed record PodEventSource(string Namespace, string PodName, string PodUid, string? PodResourceVersion, string NodeName);

/// <summary>
/// The core/v1 Event objects a 1.20 kubelet's recorder writes (client-go tools/record): named
/// "&lt;pod&gt;.&lt;hex nanoseconds&gt;", about the pod (with the container's fieldPath), source component
/// kubelet and host = the node, counted up by a patch of count and lastTimestamp when the same event
/// happens again. Pure.
/// </summary>
public static class EventObjectFactory
{
    public const string Component = "kubelet";

    /// <summary>
    /// The kubelet names an event after its pod and the nanosecond it was made; ours takes its first
    /// occurrence (plus an order that keeps events of one instant apart), so the name is the same each
    /// time it is computed and sorts as the kubelet's do.
    /// </summary>
    public static string Name(string podName, DateTime firstTimestamp, int order)
    {
        var nanos = (firstTimestamp.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100 + order;
        return $"{podName}.{nanos.ToString("x", CultureInfo.InvariantCulture)}";
    }

    public static Corev1Event Build(PodEventSource source, AggregatedEvent e) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = Name(source.PodName, e.FirstTimestamp, e.Key.Order), NamespaceProperty = source.Namespace },
        InvolvedObject = new V1ObjectReference
        {
            Kind = "Pod",
            NamespaceProperty = source.Namespace,
            Name = source.PodName,
            Uid = source.PodUid,
            ApiVersion = "v1",
            ResourceVersion = source.PodResourceVersion,
            FieldPath = e.Key.FieldPath,
        },
        Reason = e.Key.Reason,
        Message = e.Key.Message,
        Source = new V1EventSource { Component = Component, Host = source.NodeName },
        FirstTimestamp = e.FirstTimestamp,
        LastTimestamp = e.LastTimestamp,
        Count = (int)Math.Min(int.MaxValue, e.Count),
        Type = e.Key.Type,
    };

    /// <summary>The recorder's patch of an event that happened again: count, lastTimestamp and message.</summary>
    public static string CountPatch(AggregatedEvent e) => new JsonObject
    {
        ["count"] = (int)Math.Min(int.MaxValue, e.Count),
        ["lastTimestamp"] = PodStatusPatch.Time(e.LastTimestamp),
        ["message"] = e.Key.Message,
    }.ToJsonString();
}
