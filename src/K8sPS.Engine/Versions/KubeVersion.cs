using System.Globalization;
using System.Text.RegularExpressions;

namespace K8sPS.Engine.Versions;

/// <summary>
/// A Kubernetes version as a server reports it in /version ("v1.20.2", "1.27.3-gke.100", "v1.29.1+k3s2"): major,
/// minor and patch, which is all that decides whether a server has a defect; vendor suffixes are ignored.
/// </summary>
public readonly partial record struct KubeVersion(int Major, int Minor, int Patch) : IComparable<KubeVersion>
{
    /// <summary>The version at the start of <paramref name="text"/>, or null when there is none ("?", "test").</summary>
    public static KubeVersion? TryParse(string? text)
    {
        var m = text is null ? Match.Empty : Leading().Match(text);
        if (!m.Success) return null;
        static int Number(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return new KubeVersion(Number(m.Groups["major"]), Number(m.Groups["minor"]), Number(m.Groups["patch"]));
    }

    public static KubeVersion Parse(string text) => TryParse(text) ?? throw new FormatException($"'{text}' is not a Kubernetes version.");

    public int CompareTo(KubeVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(KubeVersion a, KubeVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(KubeVersion a, KubeVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(KubeVersion a, KubeVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KubeVersion a, KubeVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    [GeneratedRegex(@"^v?(?<major>\d+)\.(?<minor>\d+)(?:\.(?<patch>\d+))?")]
    private static partial Regex Leading();
}
