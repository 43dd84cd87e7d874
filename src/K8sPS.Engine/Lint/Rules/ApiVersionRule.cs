using K8sPS.Engine.Versions;
namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S002: the kind must exist in the apiVersion given: served by the server (with a context), or known to the
/// client models (offline). Kinds removed from Kubernetes say when and what replaced them.
/// </summary>
public sealed class ApiVersionRule : ManifestRule
{
    public override string Id => "K8S002";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "the kind must exist in the apiVersion";

    public override void Check(LintContext context)
    {
        var d = context.Document;
        if (string.IsNullOrEmpty(d.Kind) || string.IsNullOrEmpty(d.ApiVersion) || d.Kind == "List") return;
        var removed = ApiChanges.FindRemoved(d.ApiVersion, d.Kind);
        if (context.Catalog is { } catalog)
        {
            if (catalog.Find(d.ApiVersion, d.Kind) is not null) return;
            var served = catalog.FindKind(d.Kind);
            var message = $"the server (Kubernetes {catalog.ServerVersion}) does not serve kind {d.Kind} in {d.ApiVersion}"
                          + (removed is null ? "." : $": {d.ApiVersion} {d.Kind} was removed in Kubernetes {removed.RemovedIn}.");
            Report(context, message, removed, served.Select(s => s.ApiVersion).Distinct().ToList());
            return;
        }
        if (context.Model is not null) return;
        if (removed is not null)
        {
            Report(context, $"{d.ApiVersion} {d.Kind} was removed in Kubernetes {removed.RemovedIn}.", removed, ModelSchema.VersionsOf(d.Kind));
            return;
        }
        var versions = ModelSchema.VersionsOf(d.Kind);
        if (versions.Count > 0)
        {
            context.Report(this, "apiVersion", $"kind {d.Kind} does not exist in {d.ApiVersion}.",
                $"use apiVersion: {Preferred(versions)}.", line: d.LineOf("apiVersion"));
            return;
        }
        if (ModelSchema.KindByIgnoreCase(d.Kind) is { } spelled)
        {
            context.Report(this, "kind", $"there is no kind {d.Kind}; kinds are case-sensitive.", $"write kind: {spelled}.", line: d.LineOf("kind"));
            return;
        }
        // Offline, an unknown kind may be a custom resource: say so, and leave the verdict to the server.
        context.Report(this, "kind", $"kind {d.Kind} ({d.ApiVersion}) is not a built-in kind, so its fields are not checked offline (a custom resource?).",
            "run Test-K8sManifest -Context <context> to check it against the server.", IssueSeverity.Warning, d.LineOf("kind"));
    }

    private void Report(LintContext context, string message, ApiChanges.Removed? removed, IReadOnlyList<string> otherVersions)
    {
        string? fix;
        if (removed?.Replacement is { } r) fix = $"use apiVersion: {r}" + (otherVersions.Count > 0 && !otherVersions.Contains(r) ? $" (served: {string.Join(", ", otherVersions)})." : ".");
        else if (removed?.Note is { } note) fix = note;
        else if (otherVersions.Count > 0) fix = $"use apiVersion: {Preferred(otherVersions)} (served: {string.Join(", ", otherVersions)}).";
        else fix = "check the kind's spelling, or install the CRD that defines it first.";
        context.Report(this, "apiVersion", message, fix, line: context.Document.LineOf("apiVersion"));
    }

    private static string Preferred(IReadOnlyList<string> versions) =>
        versions.FirstOrDefault(v => !v.Contains("alpha", StringComparison.Ordinal) && !v.Contains("beta", StringComparison.Ordinal)) ?? versions[0];
}
