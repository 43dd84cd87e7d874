using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sPS.Engine.LocalCluster;

/// <summary>The ports a cluster listens on, all on 127.0.0.1.</summary>
public sealed class ClusterPorts
{
    public int ApiServer { get; set; }
    public int EtcdClient { get; set; }
    public int EtcdPeer { get; set; }
    public int ControllerManager { get; set; }
    public int Scheduler { get; set; }
    /// <summary>The simulated kubelets' endpoints, on each node's own loopback address (127.0.49.x), not on 127.0.0.1.</summary>
    public int Kubelet { get; set; }

    [JsonIgnore]
    public IEnumerable<(string Name, int Port)> All =>
        [("kube-apiserver", ApiServer), ("etcd", EtcdClient), ("etcd-peer", EtcdPeer),
         ("kube-controller-manager", ControllerManager), ("kube-scheduler", Scheduler)];
}
