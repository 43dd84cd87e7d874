using System.Text;
using System.Text.RegularExpressions;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>What the registries of a simulated cluster cannot give out.</summary>
public enum ImagePullFailure
{
    /// <summary>The tag or repository does not exist (manifest unknown): the notes' `app:lastest`.</summary>
    NotFound,
    /// <summary>Pull access denied: a private repository without credentials.</summary>
    Denied,
}

/// <summary>
/// The images the simulated registries do not have, as the ConfigMap kube-system/k8sps-simulator
/// declares them: data keys <see cref="MissingKey"/> and <see cref="DeniedKey"/>, each a list of
/// image patterns (one per line or comma separated, `*` and `?` as wildcards, `#` starts a comment).
/// A pattern matches an image as written or in its full form (docker.io/library/nginx:latest). Pure.
/// </summary>
public sealed class ImageCatalog
{
    public const string ConfigMapName = "k8sps-simulator";
    public const string ConfigMapNamespace = "kube-system";
    public const string MissingKey = "missing-images";
    public const string DeniedKey = "denied-images";

    public static readonly ImageCatalog Empty = new([], []);

    private readonly IReadOnlyList<Regex> _missing;
    private readonly IReadOnlyList<Regex> _denied;

    private ImageCatalog(IReadOnlyList<Regex> missing, IReadOnlyList<Regex> denied)
    {
        _missing = missing;
        _denied = denied;
    }

    public bool IsEmpty => _missing.Count == 0 && _denied.Count == 0;

    public static ImageCatalog FromData(IDictionary<string, string>? data)
    {
        if (data is null) return Empty;
        var missing = Patterns(data.TryGetValue(MissingKey, out var m) ? m : null);
        var denied = Patterns(data.TryGetValue(DeniedKey, out var d) ? d : null);
        return missing.Count == 0 && denied.Count == 0 ? Empty : new ImageCatalog(missing, denied);
    }

    /// <summary>Why <paramref name="image"/> cannot be pulled, or null when it can.</summary>
    public ImagePullFailure? Verdict(string? image)
    {
        if (IsEmpty || string.IsNullOrEmpty(image)) return null;
        var full = Normalize(image);
        bool Matches(IReadOnlyList<Regex> list) => list.Any(p => p.IsMatch(image) || p.IsMatch(full));
        if (Matches(_missing)) return ImagePullFailure.NotFound;
        if (Matches(_denied)) return ImagePullFailure.Denied;
        return null;
    }

    /// <summary>
    /// The full reference a container runtime resolves: a registry (docker.io unless the first part
    /// names a host), library/ for official images, and :latest when no tag or digest is given.
    /// </summary>
    public static string Normalize(string image)
    {
        var name = image;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : name[..slash];
        var hasRegistry = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        if (!hasRegistry) name = (slash < 0 ? "docker.io/library/" : "docker.io/") + name;
        var lastSlash = name.LastIndexOf('/');
        var lastPart = name[(lastSlash + 1)..];
        if (!lastPart.Contains(':', StringComparison.Ordinal) && !lastPart.Contains('@', StringComparison.Ordinal)) name += ":latest";
        return name;
    }

    private static List<Regex> Patterns(string? text)
    {
        var patterns = new List<Regex>();
        if (string.IsNullOrWhiteSpace(text)) return patterns;
        foreach (var raw in text.Split(['\n', ',']))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            patterns.Add(Glob(line));
        }
        return patterns;
    }

    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
            regex.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
