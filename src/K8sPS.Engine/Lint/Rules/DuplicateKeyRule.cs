namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S105: a key written twice in the same map. kubectl's YAML reader keeps the last value without a word, so one of
/// the two settings is silently lost (often the one meant: a second "env:" or "resources:" added further down). K8sPS
/// refuses the document instead; -SkipLint sends it as kubectl would, with the last value.
/// </summary>
public sealed class DuplicateKeyRule : ManifestRule
{
    public override string Id => "K8S105";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "a key written twice in the same map";
    public override string KubectlDoes => "kubectl apply reads only the last of the repeated keys and applies the document without a word";

    public override void Check(LintContext context)
    {
        foreach (var d in context.Document.DuplicateKeys)
            context.Report(this, d.Path,
                $"'{d.Key}' is written twice in the same map (lines {d.FirstLine.ToString(System.Globalization.CultureInfo.InvariantCulture)} and {d.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}): only the last would be kept.",
                $"remove one of them, or merge them into one '{d.Key}'.", line: d.Line);
    }
}
