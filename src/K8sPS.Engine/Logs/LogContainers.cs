using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Logs;

/// <summary>
/// Which containers of a pod kubectl logs reads (polymorphichelpers.logsForObject): the one named (init and
/// ephemeral containers too); else the one the <c>kubectl.kubernetes.io/default-container</c> annotation names
/// (or 1.20's <c>default-logs-container</c>); else the first container, with kubectl 1.32's "Defaulted container"
/// notice when there are several. With all containers: init containers, containers, then ephemeral ones, in the pod's order.
/// </summary>
public static class LogContainers
{
    /// <summary>kubectl 1.21 and later; the next one is 1.20's name for the same thing.</summary>
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";
    public const string DefaultLogsContainerAnnotation = "kubectl.kubernetes.io/default-logs-container";

    /// <summary>
    /// The sources to read; <paramref name="warn"/> hears of a default-container annotation that names no container
    /// (kubectl's "Default container name ... not found in pod ...", then the usual rule).
    /// </summary>
    public static IReadOnlyList<LogSource> Choose(V1Pod pod, string? container, bool allContainers, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var name = pod.Metadata?.Name ?? "";
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var init = Names(pod.Spec?.InitContainers?.Select(c => c.Name));
        var main = Names(pod.Spec?.Containers?.Select(c => c.Name));
        var ephemeral = Names(pod.Spec?.EphemeralContainers?.Select(c => c.Name));
        var all = init.Concat(main).Concat(ephemeral).ToList();

        if (allContainers)
        {
            if (!string.IsNullOrEmpty(container))
                throw new K8sException(new K8sError("InvalidLogOptions", K8sErrorCategory.InvalidArgument,
                    $"-AllContainers should not be specified with container name {container}")
                { RecommendedAction = "Use -Container for one container or -AllContainers for every one, not both." });
            return all.Select(c => new LogSource(ns, name, c)).ToList();
        }

        if (string.IsNullOrEmpty(container))
        {
            var annotations = pod.Metadata?.Annotations;
            var preferred = annotations is null ? null
                : annotations.TryGetValue(DefaultContainerAnnotation, out var a) && !string.IsNullOrEmpty(a) ? a
                : annotations.TryGetValue(DefaultLogsContainerAnnotation, out var b) && !string.IsNullOrEmpty(b) ? b : null;
            if (preferred is not null && all.Contains(preferred, StringComparer.Ordinal)) container = preferred;
            else if (preferred is not null) warn?.Invoke($"Default container name \"{preferred}\" not found in pod {name}");
        }

        if (string.IsNullOrEmpty(container))
        {
            if (main.Count == 0) throw NameRequired(pod, name, ns, init, main, ephemeral);
            // kubectl 1.24 and later take the first container and say so (1.20's kubectl refused).
            if (main.Count > 1)
                warn?.Invoke($"Defaulted container \"{main[0]}\" out of: {string.Join(", ", main.Concat(init.Select(c => c + " (init)")).Concat(ephemeral.Select(c => c + " (ephem)")))}");
            container = main[0];
        }
        if (!all.Contains(container, StringComparer.Ordinal))
            throw new K8sException(new K8sError("ContainerNotFound", K8sErrorCategory.NotFound,
                $"container {container} is not valid for pod {name}")
            {
                Kind = "Pod", Name = name, Namespace = ns,
                RecommendedAction = $"Name one of the pod's containers with -Container: {Listing(init, main, ephemeral)}.",
            });
        return [new LogSource(ns, name, container)];
    }

    private static K8sException NameRequired(V1Pod pod, string name, string ns, List<string> init, List<string> main, List<string> ephemeral)
    {
        var message = $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', main)}]";
        if (init.Count > 0) message += $" or one of the init containers: [{string.Join(' ', init)}]";
        if (ephemeral.Count > 0) message += $" or one of the ephemeral containers: [{string.Join(' ', ephemeral)}]";
        var first = main.Count > 0 ? main[0] : init.FirstOrDefault() ?? "NAME";
        return new K8sException(new K8sError("ContainerNameRequired", K8sErrorCategory.InvalidArgument, message)
        {
            Kind = "Pod", Name = name, Namespace = ns,
            RecommendedAction = $"Name the container (-Container {first}), read them all (-AllContainers), or set the pod's {DefaultContainerAnnotation} annotation.",
        });
    }

    private static string Listing(List<string> init, List<string> main, List<string> ephemeral)
    {
        var parts = new List<string> { "containers " + string.Join(", ", main) };
        if (init.Count > 0) parts.Add("init containers " + string.Join(", ", init));
        if (ephemeral.Count > 0) parts.Add("ephemeral containers " + string.Join(", ", ephemeral));
        return string.Join("; ", parts);
    }

    private static List<string> Names(IEnumerable<string>? names) => names?.Where(n => !string.IsNullOrEmpty(n)).ToList() ?? [];
}
