using System.Text;
using k8s.Models;
using K8sPS.Engine.Display;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests;

public class KindColumnsTests
{
    private static V1ObjectMeta Meta(string name, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null)
        => new() { Name = name, Labels = labels, Annotations = annotations };

    [Fact]
    public void Secret_columns_count_keys_and_never_hold_a_value()
    {
        var secret = new V1Secret
        {
            Metadata = Meta("db"),
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("hunter2-value"), ["user"] = Encoding.UTF8.GetBytes("bob-value") },
        };
        Assert.Equal(2, KindColumns.SecretDataCount(secret));
        Assert.Equal(["password", "user"], KindColumns.SecretKeys(secret));
        var everything = string.Join("|", KindColumns.SecretKeys(secret)) + KindColumns.SecretDataCount(secret);
        foreach (var value in new[] { "hunter2-value", "bob-value", Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2-value")) })
            Assert.DoesNotContain(value, everything, StringComparison.Ordinal);
        Assert.Equal(0, KindColumns.SecretDataCount(new V1Secret()));
    }

    [Fact]
    public void ConfigMap_data_counts_binary_data_too()
        => Assert.Equal(3, KindColumns.ConfigMapDataCount(new V1ConfigMap
        {
            Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            BinaryData = new Dictionary<string, byte[]> { ["c"] = [1] },
        }));

    [Fact]
    public void Node_status_and_roles_read_like_kubectl()
    {
        var node = new V1Node
        {
            Metadata = Meta("n1", new Dictionary<string, string>
            {
                ["node-role.kubernetes.io/master"] = "", ["node-role.kubernetes.io/control-plane"] = "", ["node-role.kubernetes.io/"] = "", ["kubernetes.io/role"] = "edge",
            }),
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }] },
        };
        Assert.Equal("Ready", KindColumns.NodeStatus(node));
        Assert.Equal("control-plane,edge,master", KindColumns.NodeRoles(node));
        node.Spec = new V1NodeSpec { Unschedulable = true };
        node.Status.Conditions[0].Status = "Unknown";
        Assert.Equal("NotReady,SchedulingDisabled", KindColumns.NodeStatus(node));
        Assert.Equal("Unknown", KindColumns.NodeStatus(new V1Node()));
        Assert.Equal("<none>", KindColumns.NodeRoles(new V1Node { Metadata = Meta("n2") }));
    }

    [Fact]
    public void Workload_columns()
    {
        Assert.Equal("1/3", KindColumns.StatefulSetReady(new V1StatefulSet { Spec = new V1StatefulSetSpec { Replicas = 3 }, Status = new V1StatefulSetStatus { ReadyReplicas = 1 } }));
        Assert.Equal("<none>", KindColumns.DaemonSetNodeSelector(new V1DaemonSet()));
        Assert.Equal("a=1,b=2", KindColumns.DaemonSetNodeSelector(new V1DaemonSet
        {
            Spec = new V1DaemonSetSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } } } },
        }));
    }

    [Fact]
    public void Job_completions_and_duration()
    {
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal("1/3", KindColumns.JobCompletions(new V1Job { Spec = new V1JobSpec { Completions = 3 }, Status = new V1JobStatus { Succeeded = 1 } }));
        Assert.Equal("0/1 of 4", KindColumns.JobCompletions(new V1Job { Spec = new V1JobSpec { Parallelism = 4 } }));
        Assert.Equal("0/1", KindColumns.JobCompletions(new V1Job { Spec = new V1JobSpec { Parallelism = 1 } }));
        Assert.Equal("", KindColumns.JobDuration(new V1Job()));
        Assert.Equal("45s", KindColumns.JobDuration(new V1Job { Status = new V1JobStatus { StartTime = start, CompletionTime = start.AddSeconds(45) } }));
        Assert.Equal("10m", KindColumns.JobDuration(new V1Job { Status = new V1JobStatus { StartTime = start } }, start.AddMinutes(10)));
    }

    [Fact]
    public void Storage_columns()
    {
        Assert.Equal("RWO,ROX,RWX", KindColumns.AccessModes(["ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany", "ReadWriteOnce"]));
        Assert.Equal("", KindColumns.AccessModes(null));

        var pv = new V1PersistentVolume
        {
            Metadata = Meta("pv"),
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") },
                ClaimRef = new V1ObjectReference { NamespaceProperty = "ns", Name = "data" },
                StorageClassName = "fast",
            },
            Status = new V1PersistentVolumeStatus { Phase = "Bound" },
        };
        Assert.Equal("1Gi", KindColumns.PersistentVolumeCapacity(pv));
        Assert.Equal("ns/data", KindColumns.PersistentVolumeClaimRef(pv));
        Assert.Equal("fast", KindColumns.PersistentVolumeClass(pv));
        Assert.Equal("Bound", KindColumns.PersistentVolumeStatus(pv));
        pv.Metadata.DeletionTimestamp = DateTime.UtcNow;
        Assert.Equal("Terminating", KindColumns.PersistentVolumeStatus(pv));

        var pending = new V1PersistentVolumeClaim { Spec = new V1PersistentVolumeClaimSpec { StorageClassName = "fast" }, Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" } };
        Assert.Equal("", KindColumns.ClaimCapacity(pending));
        Assert.Equal("", KindColumns.ClaimAccessModes(pending));
        Assert.Equal("fast", KindColumns.ClaimClass(pending));
        var bound = new V1PersistentVolumeClaim
        {
            Metadata = Meta("data", annotations: new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "beta" }),
            Spec = new V1PersistentVolumeClaimSpec { VolumeName = "pv", StorageClassName = "fast" },
            Status = new V1PersistentVolumeClaimStatus { Phase = "Bound", AccessModes = ["ReadWriteOnce"], Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new("5Gi") } },
        };
        Assert.Equal("5Gi", KindColumns.ClaimCapacity(bound));
        Assert.Equal("RWO", KindColumns.ClaimAccessModes(bound));
        Assert.Equal("beta", KindColumns.ClaimClass(bound));
    }

    [Fact]
    public void StorageClass_default_is_named_and_defaults_apply()
    {
        var sc = new V1StorageClass { Metadata = Meta("standard", annotations: new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" }) };
        Assert.Equal("standard (default)", KindColumns.StorageClassDisplayName(sc));
        Assert.Equal("Delete", KindColumns.StorageClassReclaimPolicy(sc));
        Assert.Equal("Immediate", KindColumns.StorageClassBindingMode(sc));
        Assert.False(KindColumns.StorageClassAllowExpansion(sc));
        Assert.Equal("slow", KindColumns.StorageClassDisplayName(new V1StorageClass { Metadata = Meta("slow") }));
    }

    [Fact]
    public void Ingress_columns()
    {
        V1IngressRule Rule(string? host) => new() { Host = host };
        var ing = new V1Ingress { Spec = new V1IngressSpec { Rules = [Rule("a"), Rule(null), Rule("b"), Rule("c"), Rule("d"), Rule("e")] } };
        Assert.Equal("<none>", KindColumns.IngressClass(ing));
        Assert.Equal("a,b,c + 3 more...", KindColumns.IngressHosts(ing));
        Assert.Equal("*", KindColumns.IngressHosts(new V1Ingress { Spec = new V1IngressSpec { Rules = [Rule(null)] } }));
        Assert.Equal("80", KindColumns.IngressPorts(ing));
        ing.Spec.Tls = [new V1IngressTLS()];
        Assert.Equal("80, 443", KindColumns.IngressPorts(ing));
        ing.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new() { Ip = "10.0.0.100" }, new() { Ip = "10.0.0.101" }] } };
        Assert.Equal("10.0.0.100,10...", KindColumns.IngressAddress(ing));
    }

    [Fact]
    public void Endpoints_show_three_then_count()
    {
        Assert.Equal("<none>", KindColumns.Endpoints(new V1Endpoints()));
        var ep = new V1Endpoints
        {
            Subsets =
            [
                new V1EndpointSubset
                {
                    Addresses = [new V1EndpointAddress { Ip = "10.0.0.1" }, new V1EndpointAddress { Ip = "10.0.0.2" }],
                    Ports = [new Corev1EndpointPort { Port = 80 }, new Corev1EndpointPort { Port = 443 }],
                },
                new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "fd00::1" }] },
            ],
        };
        Assert.Equal("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...", KindColumns.Endpoints(ep));
        ep.Subsets.RemoveAt(0);
        Assert.Equal("fd00::1", KindColumns.Endpoints(ep));
        ep.Subsets[0].Ports = [new Corev1EndpointPort { Port = 53 }];
        Assert.Equal("[fd00::1]:53", KindColumns.Endpoints(ep));
    }

    [Fact]
    public void Hpa_columns()
    {
        var hpa = new V1HorizontalPodAutoscaler
        {
            Spec = new V1HorizontalPodAutoscalerSpec { ScaleTargetRef = new V1CrossVersionObjectReference { Kind = "Deployment", Name = "web" }, MaxReplicas = 5, TargetCPUUtilizationPercentage = 80 },
        };
        Assert.Equal("Deployment/web", KindColumns.HpaReference(hpa));
        Assert.Equal("<unknown>/80%", KindColumns.HpaTargets(hpa));
        Assert.Equal("<unset>", KindColumns.HpaMinPods(hpa));
        hpa.Status = new V1HorizontalPodAutoscalerStatus { CurrentCPUUtilizationPercentage = 12 };
        hpa.Spec.MinReplicas = 2;
        Assert.Equal("12%/80%", KindColumns.HpaTargets(hpa));
        Assert.Equal("2", KindColumns.HpaMinPods(hpa));
        hpa.Spec.TargetCPUUtilizationPercentage = null;
        Assert.Equal("<none>", KindColumns.HpaTargets(hpa));
    }

    [Fact]
    public void Created_at_is_rfc3339_utc()
        => Assert.Equal("2021-02-03T04:05:06Z", KindColumns.CreatedAt(new V1ObjectMeta { CreationTimestamp = new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Utc) }));
}
