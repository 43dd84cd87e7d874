using System.Text.Json;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S302: an image tag that looks like a typo of "latest" ("lastest", "latset"): the registry has no such tag,
/// so the node fails to pull the image (ErrImagePull) although the manifest is accepted.
/// </summary>
public sealed class ImageTagTypoRule : ManifestRule
{
    public override string Id => "K8S302";
    public override IssueSeverity Severity => IssueSeverity.Warning;
    public override string Title => "image tag looks like a typo of 'latest'";

    public override void Check(LintContext context)
    {
        foreach (var visit in context.Visits)
        {
            if (visit.Key != "image" || visit.Node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) continue;
            var image = v.GetValue<string>();
            var tag = TagOf(image);
            if (tag is null || tag == "latest" || !tag.All(char.IsAsciiLetter)) continue;
            if (Text.Distance(tag.ToLowerInvariant(), "latest") > 2) continue;
            context.Report(this, visit.Path, $"image tag '{tag}' in '{image}' looks like a typo of 'latest'; no registry has it, so pulling the image will fail.",
                $"write {image[..^tag.Length]}latest.");
        }
    }

    internal static string? TagOf(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) image = image[..at];
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? image[(colon + 1)..] : null;
    }
}
