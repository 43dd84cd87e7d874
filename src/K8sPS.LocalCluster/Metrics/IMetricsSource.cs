using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>What the metrics API reads: the cluster's pods and nodes as last seen, and which nodes are simulated.</summary>
internal interface IMetricsSource
{
    /// <summary>Pods of <paramref name="namespaceName"/>, or of every namespace when null.</summary>
    IEnumerable<V1Pod> Pods(string? namespaceName);

    V1Pod? Pod(string namespaceName, string name);

    IEnumerable<V1Node> Nodes();

    V1Node? Node(string name);

    /// <summary>True for a node of this cluster's simulator: only those (and their pods) have metrics.</summary>
    bool IsSimulated(V1Node node);
}
