using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// The environment the kubelet gives a container (kubelet_pods.go makeEnvironmentVariables, 1.20): service links,
/// then envFrom (keys that are not valid variable names skipped with an InvalidEnvironmentVariableNames event),
/// then env, whose values are expanded against the variables known at that point ($(VAR) of envFrom, earlier env
/// and service links). A missing Secret, ConfigMap or key that is not optional stops the container with the
/// kubelet's own error text (CreateContainerConfigError). A pure function of the pod and the lookups.
/// </summary>
public static class PodEnvironment
{
    public static ContainerEnvironment Compute(V1Pod pod, string containerName, PodLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(containerName);
        ArgumentNullException.ThrowIfNull(lookups);
        var (container, containerField) = FindContainer(pod, containerName);
        var ns = string.IsNullOrEmpty(pod.Metadata?.NamespaceProperty) ? "default" : pod.Metadata.NamespaceProperty;
        var podName = pod.Metadata?.Name ?? "";
        var state = new State(pod, ns, lookups);
        var result = new ContainerEnvironment { PodName = podName, Namespace = ns, ContainerName = containerName };
        var failure = state.Run(container, containerField);
        if (failure is not null) return result with { Failure = failure, Events = [.. state.Events, failure.Event], Notes = state.Notes };
        return result with { Variables = state.Variables(), Events = state.Events, Notes = state.Notes };
    }

    internal static (V1Container Container, string Field) FindContainer(V1Pod pod, string containerName)
    {
        var containers = pod.Spec?.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
            if (containers[i].Name == containerName) return (containers[i], $"spec.containers[{i}]");
        var init = pod.Spec?.InitContainers ?? [];
        for (var i = 0; i < init.Count; i++)
            if (init[i].Name == containerName) return (init[i], $"spec.initContainers[{i}]");
        var names = containers.Concat(init).Select(c => c.Name).ToList();
        throw new K8sException(new K8sError("ContainerNotFound", K8sErrorCategory.NotFound,
            $"container {containerName} is not valid for pod {pod.Metadata?.Name}")
        {
            Kind = "Pod",
            Name = pod.Metadata?.Name,
            Namespace = pod.Metadata?.NamespaceProperty,
            RecommendedAction = names.Count == 0 ? "The pod has no containers." : $"Its containers are: {string.Join(", ", names)}.",
        });
    }

    private sealed record Entry(string Value, EnvVarOrigin Origin, bool IsSecret, List<EnvVarOrigin> Overrides, ExpansionResult? Expansion);

    private sealed class State(V1Pod pod, string ns, PodLookups lookups)
    {
        private readonly Dictionary<string, V1ConfigMap> configMaps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, V1Secret> secrets = new(StringComparer.Ordinal);
        private readonly List<string> order = [];
        private readonly Dictionary<string, Entry> defined = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (ServiceLinkVariable Link, EnvVarOrigin Origin)> serviceEnv = new(StringComparer.Ordinal);
        private readonly List<string> serviceOrder = [];

        public List<KubeletEvent> Events { get; } = [];

        public List<string> Notes { get; } = [];

        public ContainerStartFailure? Run(V1Container container, string containerField)
        {
            var enableServiceLinks = pod.Spec?.EnableServiceLinks ?? true; // the API's default
            foreach (var link in ServiceLinks.For(ns, enableServiceLinks, lookups.Services, lookups.MasterServiceNamespace))
            {
                if (serviceEnv.ContainsKey(link.Name)) continue;
                serviceEnv[link.Name] = (link, new EnvVarOrigin(EnvVarOriginKind.ServiceLink, $"{link.ServiceNamespace}/{link.ServiceName}", link.ServiceName));
                serviceOrder.Add(link.Name);
            }

            var envFrom = container.EnvFrom ?? [];
            for (var i = 0; i < envFrom.Count; i++)
            {
                var source = envFrom[i];
                var field = $"{containerField}.envFrom[{i}]";
                if (source.ConfigMapRef is { } cmRef)
                {
                    var configMap = GetConfigMap(cmRef.Name);
                    if (configMap is null)
                    {
                        if (cmRef.Optional == true) { Notes.Add($"{field}: optional configMap {cmRef.Name} not found; none of its keys are set"); continue; }
                        return ConfigError($"configmap \"{cmRef.Name}\" not found", field);
                    }
                    AddAll(configMap.Data?.Select(p => (p.Key, p.Value ?? "")), source.Prefix, false, cmRef.Name, field, "configMap");
                    if (configMap.BinaryData is { Count: > 0 } binary)
                        Notes.Add($"{field}: binaryData keys of configMap {cmRef.Name} are not variables: {string.Join(", ", binary.Keys.Order(StringComparer.Ordinal))}");
                }
                else if (source.SecretRef is { } sRef)
                {
                    var secret = GetSecret(sRef.Name);
                    if (secret is null)
                    {
                        if (sRef.Optional == true) { Notes.Add($"{field}: optional secret {sRef.Name} not found; none of its keys are set"); continue; }
                        return ConfigError($"secret \"{sRef.Name}\" not found", field);
                    }
                    AddAll(secret.Data?.Select(p => (p.Key, Text(p.Value))), source.Prefix, true, sRef.Name, field, "secret");
                }
            }

            var env = container.Env ?? [];
            for (var i = 0; i < env.Count; i++)
            {
                var variable = env[i];
                var field = $"{containerField}.env[{i}]";
                string value;
                var isSecret = false;
                ExpansionResult? expansion = null;
                EnvVarOrigin origin;
                if (!string.IsNullOrEmpty(variable.Value))
                {
                    expansion = VariableExpansion.Expand(variable.Value, Lookup);
                    value = expansion.Value;
                    isSecret = expansion.Resolved.Any(IsSecretVariable);
                    origin = new EnvVarOrigin(EnvVarOriginKind.Value, field);
                }
                else if (variable.ValueFrom is { } from)
                {
                    if (from.FieldRef is { } fieldRef)
                    {
                        origin = new EnvVarOrigin(EnvVarOriginKind.FieldRef, field, Key: fieldRef.FieldPath);
                        try { value = DownwardApi.FieldValue(pod, fieldRef); }
                        catch (K8sException e) { return ConfigError(e.Error.Message, field + ".valueFrom.fieldRef"); }
                    }
                    else if (from.ResourceFieldRef is { } resourceRef)
                    {
                        origin = new EnvVarOrigin(EnvVarOriginKind.ResourceFieldRef, field, resourceRef.ContainerName, resourceRef.Resource);
                        try { value = DownwardApi.ResourceValue(pod, container, resourceRef, lookups.NodeAllocatable); }
                        catch (K8sException e) { return ConfigError(e.Error.Message, field + ".valueFrom.resourceFieldRef"); }
                    }
                    else if (from.ConfigMapKeyRef is { } cmKey)
                    {
                        origin = new EnvVarOrigin(EnvVarOriginKind.ConfigMapKey, field, cmKey.Name, cmKey.Key);
                        var configMap = GetConfigMap(cmKey.Name);
                        if (configMap is null)
                        {
                            if (cmKey.Optional == true) { Notes.Add($"{field}: {variable.Name} not set: optional configMap {cmKey.Name} not found"); continue; }
                            return ConfigError($"configmap \"{cmKey.Name}\" not found", field);
                        }
                        if (configMap.Data?.TryGetValue(cmKey.Key, out var found) != true)
                        {
                            if (cmKey.Optional == true) { Notes.Add($"{field}: {variable.Name} not set: optional key {cmKey.Key} not in configMap {cmKey.Name}"); continue; }
                            return ConfigError($"couldn't find key {cmKey.Key} in ConfigMap {ns}/{cmKey.Name}", field);
                        }
                        value = found ?? "";
                    }
                    else if (from.SecretKeyRef is { } sKey)
                    {
                        origin = new EnvVarOrigin(EnvVarOriginKind.SecretKey, field, sKey.Name, sKey.Key);
                        isSecret = true;
                        var secret = GetSecret(sKey.Name);
                        if (secret is null)
                        {
                            if (sKey.Optional == true) { Notes.Add($"{field}: {variable.Name} not set: optional secret {sKey.Name} not found"); continue; }
                            return ConfigError($"secret \"{sKey.Name}\" not found", field);
                        }
                        if (secret.Data?.TryGetValue(sKey.Key, out var bytes) != true)
                        {
                            if (sKey.Optional == true) { Notes.Add($"{field}: {variable.Name} not set: optional key {sKey.Key} not in secret {sKey.Name}"); continue; }
                            return ConfigError($"couldn't find key {sKey.Key} in Secret {ns}/{sKey.Name}", field);
                        }
                        value = Text(bytes);
                    }
                    else
                    {
                        value = "";
                        origin = new EnvVarOrigin(EnvVarOriginKind.Value, field);
                    }
                }
                else
                {
                    value = "";
                    origin = new EnvVarOrigin(EnvVarOriginKind.Value, field);
                }
                // The kubelet drops a service variable that env defines, so env's value is the one.
                var overrides = new List<EnvVarOrigin>();
                if (serviceEnv.Remove(variable.Name, out var link)) overrides.Add(link.Origin);
                Define(variable.Name, new Entry(value, origin, isSecret, overrides, expansion));
            }
            return null;
        }

        public List<ContainerEnvVar> Variables()
        {
            var result = new List<ContainerEnvVar>();
            foreach (var name in serviceOrder)
                if (serviceEnv.TryGetValue(name, out var link) && !defined.ContainsKey(name))
                    result.Add(new ContainerEnvVar(name, link.Link.Value, link.Origin, false, [], null));
            foreach (var name in order)
            {
                var e = defined[name];
                var overrides = e.Overrides;
                if (serviceEnv.TryGetValue(name, out var shadowed)) overrides = [shadowed.Origin, .. overrides];
                result.Add(new ContainerEnvVar(name, e.Value, e.Origin, e.IsSecret, overrides, e.Expansion));
            }
            return result;
        }

        private void AddAll(IEnumerable<(string Key, string Value)>? pairs, string? prefix, bool isSecret, string objectName, string field, string what)
        {
            var invalid = new List<string>();
            foreach (var (key, value) in (pairs ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var name = string.IsNullOrEmpty(prefix) ? key : prefix + key;
                if (!DataKeyRules.IsEnvVarName(name)) { invalid.Add(name); continue; }
                var origin = new EnvVarOrigin(isSecret ? EnvVarOriginKind.SecretEnvFrom : EnvVarOriginKind.ConfigMapEnvFrom, field, objectName, key, prefix);
                Define(name, new Entry(value, origin, isSecret, [], null));
            }
            if (invalid.Count > 0)
            {
                invalid.Sort(StringComparer.Ordinal);
                Events.Add(new KubeletEvent("Warning", "InvalidEnvironmentVariableNames",
                    $"Keys [{string.Join(", ", invalid)}] from the EnvFrom {what} {ns}/{objectName} were skipped since they are considered invalid environment variable names."));
            }
        }

        private void Define(string name, Entry entry)
        {
            if (defined.Remove(name, out var earlier))
            {
                order.Remove(name);
                entry.Overrides.InsertRange(0, [.. earlier.Overrides, earlier.Origin]);
            }
            defined[name] = entry;
            order.Add(name);
        }

        // MappingFuncFor(tmpEnv, serviceEnv): what is defined so far, then service links.
        private string? Lookup(string name)
            => defined.TryGetValue(name, out var e) ? e.Value : serviceEnv.TryGetValue(name, out var s) ? s.Link.Value : null;

        private bool IsSecretVariable(string name) => defined.TryGetValue(name, out var e) && e.IsSecret;

        private V1ConfigMap? GetConfigMap(string name)
        {
            if (configMaps.TryGetValue(name, out var cached)) return cached;
            var found = lookups.ConfigMap(name);
            if (found is not null) configMaps[name] = found;
            return found;
        }

        private V1Secret? GetSecret(string name)
        {
            if (secrets.TryGetValue(name, out var cached)) return cached;
            var found = lookups.Secret(name);
            if (found is not null) secrets[name] = found;
            return found;
        }

        private static ContainerStartFailure ConfigError(string message, string field)
            => new(ContainerStartFailure.CreateContainerConfigError, message, field, new KubeletEvent("Warning", "Failed", "Error: " + message));

        // Go's string(bytes): the bytes as they are; shown here as UTF-8 (binary values come out lossy).
        private static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);
    }
}
