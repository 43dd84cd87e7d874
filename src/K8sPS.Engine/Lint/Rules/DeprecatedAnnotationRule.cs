using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>K8S301: annotations that are deprecated or removed, with the field that replaced them.</summary>
public sealed class DeprecatedAnnotationRule : ManifestRule
{
    public override string Id => "K8S301";
    public override IssueSeverity Severity => IssueSeverity.Warning;
    public override string Title => "deprecated annotation";

    public override void Check(LintContext context)
    {
        if ((context.Document.Object?["metadata"] as JsonObject)?["annotations"] is not JsonObject annotations) return;
        foreach (var a in ApiChanges.DeprecatedAnnotations)
        {
            if (!annotations.TryGetPropertyValue(a.Key, out var value)) continue;
            var path = ManifestDocument.Child("metadata.annotations", a.Key);
            context.Report(this, path, $"{a.Key}: {a.Message}.", string.Format(System.Globalization.CultureInfo.InvariantCulture, a.Fix, value?.ToString()));
        }
    }
}
