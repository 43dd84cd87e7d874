using System.Diagnostics;
using System.Globalization;

namespace K8sPS.Engine.LocalCluster;

/// <summary>What Start-K8sLocalCluster asks for.</summary>
public sealed class LocalClusterStartRequest
{
    public string Name { get; init; } = LocalClusterPaths.DefaultName;
    /// <summary>Null: the count of the cluster's previous start (as minikube keeps a profile's nodes), else 1.</summary>
    public int? NodeCount { get; init; }
    public string? BinPath { get; init; }
    /// <summary>A kubeconfig file of its own; null merges into the user's kubeconfig.</summary>
    public string? KubeconfigPath { get; init; }
    /// <summary>0: a free port.</summary>
    public int ApiServerPort { get; init; }
    /// <summary>The k8sps-localcluster program; null finds it beside the module.</summary>
    public string? SupervisorPath { get; init; }
}
