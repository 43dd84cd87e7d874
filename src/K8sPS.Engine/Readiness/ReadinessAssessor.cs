using System.Globalization;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Readiness;

/// <summary>
/// Is an object ready, by the rules kubectl's rollout status and the controllers use: a Deployment when its
/// latest generation is observed and every desired replica is updated, ready and available; a StatefulSet,
/// ReplicaSet or ReplicationController when its ready replicas reach the desired count (a StatefulSet's updated
/// ones too); a DaemonSet when every scheduled pod is updated and ready; a Pod, Node or anything with a Ready
/// condition when it is True; a Job when it is Complete; a claim or volume when Bound; a namespace when Active.
/// Pure: the caller reads the object (and its events).
/// </summary>
public static class ReadinessAssessor
{
    public static ReadinessReport Assess(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = Text(obj["kind"]) ?? "Object";
        var name = Text(obj["metadata"]?["name"]) ?? "";
        var ns = Text(obj["metadata"]?["namespace"]);
        var status = obj["status"] as JsonObject ?? [];
        var conditions = Conditions(status);
        ReadinessReport Report(bool ready, string summary, int? replicas = null, int? readyReplicas = null, string? node = null, bool allConditions = false) => new()
        {
            Kind = kind, Name = name, Namespace = ns, Ready = ready, Summary = summary, Replicas = replicas, ReadyReplicas = readyReplicas, NodeName = node,
            // Ready: the conditions as they are; not ready: those that say why (not True, or a failure set True).
            Conditions = conditions.Where(c => allConditions || ready || !c.Healthy).Select(c => c.Text).ToList(),
            AllConditions = conditions.Select(c => c.Text).ToList(),
        };

        switch (kind)
        {
            case "Deployment":
            {
                var desired = Int(obj["spec"]?["replicas"]) ?? 1;
                int ready = Int(status["readyReplicas"]) ?? 0, updated = Int(status["updatedReplicas"]) ?? 0, available = Int(status["availableReplicas"]) ?? 0;
                var observed = (Int(status["observedGeneration"]) ?? 0) >= (Int(obj["metadata"]?["generation"]) ?? 0);
                var total = Int(status["replicas"]) ?? 0;
                var done = observed && updated == desired && ready == desired && available == desired && total == desired;
                var summary = $"{ready}/{desired} ready, {updated} up-to-date, {available} available" + (observed ? "" : ", latest change not yet observed") + (total > desired ? $", {total - desired} old replica(s) still there" : "");
                return Report(done, summary, desired, ready);
            }
            case "StatefulSet":
            {
                var desired = Int(obj["spec"]?["replicas"]) ?? 1;
                int ready = Int(status["readyReplicas"]) ?? 0, updated = Int(status["updatedReplicas"]) ?? ready;
                return Report(ready == desired && updated >= desired && (Int(status["replicas"]) ?? 0) == desired, $"{ready}/{desired} ready, {updated} updated", desired, ready);
            }
            case "ReplicaSet" or "ReplicationController":
            {
                var desired = Int(obj["spec"]?["replicas"]) ?? 1;
                var ready = Int(status["readyReplicas"]) ?? 0;
                return Report(ready == desired, $"{ready}/{desired} ready", desired, ready);
            }
            case "DaemonSet":
            {
                int desired = Int(status["desiredNumberScheduled"]) ?? 0, ready = Int(status["numberReady"]) ?? 0, updated = Int(status["updatedNumberScheduled"]) ?? 0;
                return Report(ready == desired && updated == desired, $"{ready}/{desired} ready, {updated} up-to-date", desired, ready);
            }
            case "Pod":
            {
                var phase = Text(status["phase"]) ?? "Pending";
                var node = Text(obj["spec"]?["nodeName"]);
                var ready = conditions.Any(c => c.Type == "Ready" && c.Status == "True");
                var waiting = (status["containerStatuses"] as JsonArray ?? []).Select(s => Text(s?["state"]?["waiting"]?["reason"])).OfType<string>().Distinct().ToList();
                var summary = $"{phase}{(node is null ? ", not scheduled" : $" on node {node}")}{(ready ? ", Ready" : ", not Ready")}{(waiting.Count > 0 ? $" (waiting: {string.Join(", ", waiting)})" : "")}";
                return Report(ready, summary, node: node);
            }
            case "Job":
            {
                var complete = conditions.Any(c => c.Type == "Complete" && c.Status == "True");
                var failed = conditions.Any(c => c.Type == "Failed" && c.Status == "True");
                var summary = $"{Int(status["succeeded"]) ?? 0}/{Int(obj["spec"]?["completions"]) ?? 1} succeeded, {Int(status["active"]) ?? 0} active, {Int(status["failed"]) ?? 0} failed" + (failed ? ", Failed" : "");
                return Report(complete, summary);
            }
            case "PersistentVolumeClaim" or "PersistentVolume" or "Namespace":
            {
                var phase = Text(status["phase"]) ?? "Pending";
                var wanted = kind == "Namespace" ? "Active" : "Bound";
                var to = kind == "PersistentVolumeClaim" ? Text(obj["spec"]?["volumeName"]) : null;
                return Report(phase == wanted, phase + (to is null ? "" : $" to {to}"));
            }
            default:
            {
                // Anything with a Ready (or Available) condition says so itself: nodes, custom resources.
                var ready = conditions.FirstOrDefault(c => c.Type == "Ready") ?? conditions.FirstOrDefault(c => c.Type == "Available");
                return ready is null
                    ? Report(true, "exists (its kind has no readiness of its own)", allConditions: true)
                    : Report(ready.Status == "True", $"{ready.Type}={ready.Status}");
            }
        }
    }

    private sealed record Condition(string Type, string Status, string Text, bool Healthy);

    // A condition is unhealthy when it is not True, except the ones whose True means trouble.
    private static readonly HashSet<string> TrueIsBad = ["Failed", "ReplicaFailure", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable", "Stalled"];

    private static List<Condition> Conditions(JsonObject status) =>
        (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
        {
            var type = Text(c["type"]) ?? "?";
            var value = Text(c["status"]) ?? "Unknown";
            var reason = Text(c["reason"]);
            var message = Text(c["message"]);
            var text = $"{type}={value}" + (reason is null ? "" : $" ({reason})") + (message is null ? "" : $": {message}");
            var healthy = TrueIsBad.Contains(type) ? value != "True" : value == "True";
            return new Condition(type, value, text, healthy);
        }).ToList();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<int>(out var i) ? i : v.TryGetValue<long>(out var l) ? (int)l : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null
        : null;
}
