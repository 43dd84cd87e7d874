using System.Management.Automation;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Objects;

namespace K8sPS.Nodes;

/// <summary>
/// An affinity given to a cmdlet: New-K8sAffinity output, or the same written by hand (a hashtable, ConvertFrom-K8sYaml
/// or ConvertFrom-Json output), read as the V1Affinity the API has.
/// </summary>
internal static class AffinityInput
{
    public static V1Affinity? From(object? input)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        switch (value)
        {
            case null:
                return null;
            case V1Affinity a:
                return a;
            default:
                try
                {
                    return KubernetesJson.Deserialize<V1Affinity>(PSObjectJson.Serialize(input));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new K8sException(new K8sError("InvalidAffinity", K8sErrorCategory.InvalidArgument,
                        $"-Affinity cannot be read as a pod affinity: {e.Message} Nothing was sent to the cluster.")
                    {
                        RecommendedAction = "Build it with New-K8sAffinity, or give the affinity's fields (nodeAffinity, podAffinity, podAntiAffinity) as YAML would.",
                    });
                }
        }
    }
}
