using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S201: "//" used as a comment inside a value ("port: nodejs-port // the port name"). YAML comments start
/// with '#', so everything after the value becomes part of it: the server may reject it, or (a mount path,
/// an environment value) silently use the wrong text.
/// </summary>
public sealed partial class SlashCommentRule : ManifestRule
{
    public override string Id => "K8S201";
    public override IssueSeverity Severity => IssueSeverity.Warning;
    public override string Title => "'//' used as a comment inside a value";

    public override void Check(LintContext context) => Walk(context, context.Document.Content, "");

    private void Walk(LintContext context, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Walk(context, v, ManifestDocument.Child(path, k));
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(context, a[i], ManifestDocument.Item(path, i));
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                var m = SlashComment().Match(s);
                if (!m.Success || s.Contains('\n')) break;
                if (context.IsSecretValue(path))
                {
                    context.Report(this, path, "the value contains '//', which YAML does not treat as a comment (the value is not shown: it is secret).", "write comments with '#'.");
                    break;
                }
                var meant = s[..m.Index].TrimEnd();
                context.Report(this, path,
                    $"the value is '{ManifestLinter.Shorten(s)}': '//' is not a comment in YAML, so the text after it is part of the value.",
                    meant.Length > 0 ? $"did you mean '{meant}'? Write comments with '#': {meant} # {s[(m.Index + m.Length)..].Trim()}" : "write comments with '#'.");
                break;
        }
    }

    // "//" after a space and before a space or the end: a comment, not a URL (http://) or a path (a//b).
    [GeneratedRegex(@"(^|\s)//(\s|$)")] private static partial Regex SlashComment();
}
