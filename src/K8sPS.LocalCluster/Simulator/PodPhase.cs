using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>The pod phase from its container statuses, by the kubelet's own rules (pkg/kubelet/kubelet_pods.go, getPhase). Pure.</summary>
public static class PodPhase
{
    public static string Of(V1PodSpec spec, IList<V1ContainerStatus>? initStatuses, IList<V1ContainerStatus>? statuses)
    {
        int pendingInitialization = 0, failedInitialization = 0;
        foreach (var container in spec.InitContainers ?? new List<V1Container>())
        {
            var s = initStatuses?.FirstOrDefault(x => x.Name == container.Name);
            if (s?.State is null) { pendingInitialization++; continue; }
            if (s.State.Running is not null) pendingInitialization++;
            else if (s.State.Terminated is { } t) { if (t.ExitCode != 0) failedInitialization++; }
            else if (s.State.Waiting is not null)
            {
                if (s.LastState?.Terminated is { } last) { if (last.ExitCode != 0) failedInitialization++; }
                else pendingInitialization++;
            }
            else pendingInitialization++;
        }

        int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var container in spec.Containers)
        {
            var s = statuses?.FirstOrDefault(x => x.Name == container.Name);
            if (s?.State is null) { unknown++; continue; }
            if (s.State.Running is not null) running++;
            else if (s.State.Terminated is { } t) { stopped++; if (t.ExitCode == 0) succeeded++; }
            else if (s.State.Waiting is not null) { if (s.LastState?.Terminated is not null) stopped++; else waiting++; }
            else unknown++;
        }

        var policy = spec.RestartPolicy ?? "Always";
        if (failedInitialization > 0 && policy == "Never") return "Failed";
        if (pendingInitialization > 0 || waiting > 0) return "Pending";
        if (running > 0 && unknown == 0) return "Running";
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (policy == "Always") return "Running";
            if (stopped == succeeded) return "Succeeded";
            if (policy == "Never") return "Failed";
            return "Running";
        }
        return "Pending";
    }
}
