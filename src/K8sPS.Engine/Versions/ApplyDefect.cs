namespace K8sPS.Engine.Versions;

/// <summary>
/// One known defect of server-side apply: what the server gets wrong, the releases that fixed it (empty when no
/// release is known to: then K8sPS works around it on every server), and what K8sPS does about it.
/// </summary>
public sealed record ApplyDefect(string Id, string Defect, IReadOnlyList<KubeVersion> FixedIn, string Workaround, string Reference)
{
    /// <summary>
    /// True when a server of version <paramref name="version"/> has the defect: older than the fix of its own minor
    /// release line (fixes are backported as patch releases), or older than every fixed line. An unknown version counts
    /// as affected: each workaround gives the same object on a server that does not need it.
    /// </summary>
    public bool Affects(KubeVersion? version)
    {
        if (FixedIn.Count == 0 || version is not { } v) return true;
        foreach (var fix in FixedIn)
            if (fix.Major == v.Major && fix.Minor == v.Minor) return v < fix;
        return FixedIn.All(fix => v < fix);
    }

    /// <summary>"1.21; backported to 1.18.18, 1.19.10 and 1.20.6", or that no release is known to fix it.</summary>
    public string FixedInText
    {
        get
        {
            if (FixedIn.Count == 0) return "no release known to fix it";
            var sorted = FixedIn.Order().ToList();
            var last = sorted[^1];
            var line = last.Patch == 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{last.Major}.{last.Minor}") : last.ToString();
            if (sorted.Count == 1) return line;
            var backports = sorted.Take(sorted.Count - 1).Select(v => v.ToString()).ToList();
            return $"{line}; backported to {(backports.Count == 1 ? backports[0] : string.Join(", ", backports.Take(backports.Count - 1)) + " and " + backports[^1])}";
        }
    }
}
