namespace K8sPS.Engine.Lint;

public enum IssueSeverity { Warning, Error }

/// <summary>A problem lint found: where (file, line, field path), what, and the likely fix.</summary>
public sealed record ManifestIssue(
    string RuleId, IssueSeverity Severity, string? File, int Line, string? Object, string Path, string Message, string? Fix)
{
    /// <summary>One line as compilers print them: "file:line: error K8S101 Deployment/x spec.y: message Fix: ...".</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File ?? "<text>"}:{Line}" : File ?? "<text>";
        var what = Object is null ? "" : Object + " ";
        var field = Path.Length == 0 ? "" : Path + ": ";
        var fix = Fix is null ? "" : " Fix: " + Fix;
        return $"{where}: {(Severity == IssueSeverity.Error ? "error" : "warning")} {RuleId} {what}{field}{Message}{fix}";
    }
}
