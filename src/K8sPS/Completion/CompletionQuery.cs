using System.Collections;
using System.Management.Automation;

namespace K8sPS.Completion;

/// <summary>What is on the command line when Tab is pressed: the command, the parameters bound so far, the word typed.</summary>
public sealed class CompletionQuery
{
    public CompletionQuery(string commandName, IDictionary bound, string prefix, string parameterName = "")
    {
        CommandName = commandName;
        Bound = bound;
        Prefix = prefix;
        ParameterName = parameterName;
    }

    public string CommandName { get; }

    /// <summary>The parameter being completed; one named after a kind (-Deployment, -Node) is about that kind.</summary>
    public string ParameterName { get; }
    public IDictionary Bound { get; }
    public string Prefix { get; }

    public string? Context => Text("Context");
    public string? Namespace => Text("Namespace");

    /// <summary>The kind the command is about: -Kind when typed, else what its noun names (Get-K8sPod: pods).</summary>
    public string? Kind => ParameterName is "Deployment" or "Node" or "Pod" or "Service" ? ParameterName.ToLowerInvariant() : Text("Kind") ?? KindOfNoun(CommandName);

    /// <summary>The first -Name typed (or piped in by name), for questions about one object.</summary>
    public string? Name => Text("Name") ?? Text("Deployment") ?? Text("InputObject");

    private string? Text(string parameter)
    {
        if (!Bound.Contains(parameter)) return null;
        var value = Bound[parameter] is PSObject p ? p.BaseObject : Bound[parameter];
        return value switch
        {
            string s when s.Length > 0 => s,
            IEnumerable list and not string => list.OfType<object>().Select(o => o is PSObject ps ? ps.BaseObject : o).OfType<string>().FirstOrDefault(s => s.Length > 0),
            _ => null,
        };
    }

    /// <summary>
    /// Verb-K8s&lt;Noun&gt;: the noun is a kind (Pod, Deployment, StatefulSet...) or starts with one (PodLog,
    /// PodEnvironment, NodeLabel); rollout commands are about deployments unless -Kind says otherwise.
    /// </summary>
    internal static string? KindOfNoun(string commandName)
    {
        var dash = commandName.IndexOf('-', StringComparison.Ordinal);
        var noun = dash < 0 ? commandName : commandName[(dash + 1)..];
        if (!noun.StartsWith("K8s", StringComparison.Ordinal)) return null;
        noun = noun[3..];
        if (noun.StartsWith("Rollout", StringComparison.Ordinal) || noun is "Image" or "Scale") return "deployments";
        if (noun is "Resource" or "Context" or "LocalCluster" or "Manifest" or "Yaml" or "Json" or "Object") return null;
        foreach (var prefix in new[] { "PersistentVolumeClaim", "PersistentVolume", "StatefulSet", "DaemonSet", "ReplicaSet", "CronJob", "ConfigMap", "StorageClass", "HorizontalPodAutoscaler", "Deployment", "Service", "Secret", "Node", "Pod", "Job", "Event" })
            if (noun.StartsWith(prefix, StringComparison.Ordinal)) return prefix.ToLowerInvariant();
        return noun.ToLowerInvariant();
    }
}
