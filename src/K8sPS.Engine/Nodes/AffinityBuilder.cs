using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// Builds a pod's affinity (spec.affinity) from selectors written as kubectl writes them, without YAML: node affinity
/// required (terms ORed, the requirements of one term ANDed) and preferred (with a weight), and pod affinity and
/// anti-affinity (required or preferred) over a topology key (default: one node, kubernetes.io/hostname). Each call
/// adds to a copy of the affinity it is given, so builders can be chained.
/// </summary>
public static class AffinityBuilder
{
    public const string HostnameTopology = "kubernetes.io/hostname";

    /// <summary>A deep copy of <paramref name="affinity"/>, or an empty one.</summary>
    public static V1Affinity Copy(V1Affinity? affinity)
        => affinity is null ? new V1Affinity() : KubernetesJson.Deserialize<V1Affinity>(KubernetesJson.Serialize(affinity));

    /// <summary>A required node selector term: the node must match every requirement of <paramref name="selector"/>.</summary>
    public static V1Affinity AddRequiredNodeTerm(V1Affinity? affinity, string selector)
    {
        var a = Copy(affinity);
        a.NodeAffinity ??= new V1NodeAffinity();
        a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= new V1NodeSelector { NodeSelectorTerms = [] };
        a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms ??= [];
        a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Add(new V1NodeSelectorTerm { MatchExpressions = NodeRequirements(selector) });
        return a;
    }

    /// <summary>A preferred node term: nodes that match <paramref name="selector"/> score <paramref name="weight"/> (1-100) more.</summary>
    public static V1Affinity AddPreferredNodeTerm(V1Affinity? affinity, string selector, int weight)
    {
        CheckWeight(weight);
        var a = Copy(affinity);
        a.NodeAffinity ??= new V1NodeAffinity();
        a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution ??= [];
        a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Add(new V1PreferredSchedulingTerm
        {
            Weight = weight,
            Preference = new V1NodeSelectorTerm { MatchExpressions = NodeRequirements(selector) },
        });
        return a;
    }

    /// <summary>
    /// A pod (anti-)affinity term: the pod goes (or never goes, for anti) where pods matching <paramref name="selector"/>
    /// run, "where" being the same value of <paramref name="topologyKey"/>. Preferred terms need a weight (1-100).
    /// </summary>
    public static V1Affinity AddPodTerm(V1Affinity? affinity, bool anti, bool required, string selector, string? topologyKey = null,
        int weight = 1, IList<string>? namespaces = null)
    {
        var topology = string.IsNullOrEmpty(topologyKey) ? HostnameTopology : topologyKey;
        if (LabelRules.KeyErrors(topology) is { Count: > 0 } e)
            throw Invalid($"invalid topology key \"{topology}\": {string.Join("; ", e)}", "A topology key is a node label key, e.g. kubernetes.io/hostname (one node) or topology.kubernetes.io/zone.");
        if (!required) CheckWeight(weight);
        var term = new V1PodAffinityTerm
        {
            LabelSelector = PodSelector(selector),
            TopologyKey = topology,
            Namespaces = namespaces is { Count: > 0 } ? namespaces.ToList() : null,
        };
        var a = Copy(affinity);
        if (anti)
        {
            a.PodAntiAffinity ??= new V1PodAntiAffinity();
            if (required) (a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= []).Add(term);
            else (a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new V1WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term });
        }
        else
        {
            a.PodAffinity ??= new V1PodAffinity();
            if (required) (a.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= []).Add(term);
            else (a.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution ??= []).Add(new V1WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term });
        }
        return a;
    }

    /// <summary>Node selector requirements: key=value becomes In [value], key!=value NotIn [value].</summary>
    public static List<V1NodeSelectorRequirement> NodeRequirements(string selector)
        => SelectorParser.Parse(selector).Select(r => new V1NodeSelectorRequirement
        {
            Key = r.Key,
            OperatorProperty = r.Operator,
            Values = r.Values.Count == 0 ? null : r.Values.ToList(),
        }).ToList();

    /// <summary>A pod label selector: key=value into matchLabels, the rest as matchExpressions (Gt and Lt are node-only).</summary>
    public static V1LabelSelector PodSelector(string selector)
    {
        var labels = new Dictionary<string, string>();
        var expressions = new List<V1LabelSelectorRequirement>();
        foreach (var r in SelectorParser.Parse(selector))
        {
            if (r.Operator is "Gt" or "Lt")
                throw Invalid($"invalid pod selector \"{selector}\": {r.Operator} compares node labels only", "Use =, !=, in, notin, key or !key in a pod selector.");
            if (r.Equality && !labels.ContainsKey(r.Key)) labels[r.Key] = r.Values[0];
            else expressions.Add(new V1LabelSelectorRequirement { Key = r.Key, OperatorProperty = r.Operator, Values = r.Values.Count == 0 ? null : r.Values.ToList() });
        }
        return new V1LabelSelector { MatchLabels = labels.Count == 0 ? null : labels, MatchExpressions = expressions.Count == 0 ? null : expressions };
    }

    private static void CheckWeight(int weight)
    {
        if (weight is < 1 or > 100)
            throw Invalid($"invalid weight {weight}: must be in the range 1-100", "The scheduler adds the weight of each preferred term a node matches; give 1 to 100.");
    }

    private static K8sException Invalid(string message, string action)
        => new(new K8sError("InvalidAffinity", K8sErrorCategory.InvalidArgument, message + ". Nothing was sent to the cluster.") { RecommendedAction = action });
}
