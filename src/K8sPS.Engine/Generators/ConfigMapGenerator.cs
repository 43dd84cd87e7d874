using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// Builds the ConfigMap `kubectl create configmap` (1.32) builds from files, folders, literals or env files:
/// a value that is valid UTF-8 goes to data, any other to binaryData, as kubectl decides. The server's checks
/// (key names, 1 MiB for data and binaryData together) are made first.
/// </summary>
public static class ConfigMapGenerator
{
    public static V1ConfigMap Build(string name, string? ns, DataSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Validation.ThrowIfAny(Validation.ObjectName(name), "ConfigMap", name);
        var entries = DataCollector.Collect("ConfigMap", name, sources);
        long total = entries.Sum(e => (long)e.Value.Length);
        if (total > SecretGenerator.MaxTotalBytes)
            Validation.ThrowIfAny([new K8sErrorCause("", "FieldValueTooLong",
                $"Too long: must have at most {SecretGenerator.MaxTotalBytes} bytes (data and binaryData hold {total} bytes together; largest: {SecretGenerator.Largest(entries)})")], "ConfigMap", name);

        var sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var text = sorted.Where(e => DataCollector.IsText(e.Value)).ToDictionary(e => e.Key, e => Encoding.UTF8.GetString(e.Value), StringComparer.Ordinal);
        var binary = sorted.Where(e => !DataCollector.IsText(e.Value)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = string.IsNullOrEmpty(ns) ? null : ns },
            Data = text.Count == 0 ? null : text,
            BinaryData = binary.Count == 0 ? null : binary,
        };
    }
}
