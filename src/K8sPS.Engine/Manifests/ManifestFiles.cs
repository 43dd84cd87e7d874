namespace K8sPS.Engine.Manifests;

/// <summary>Which files of a folder are manifests, as kubectl -f decides: .yaml, .yml and .json; others are skipped.</summary>
public static class ManifestFiles
{
    public static bool IsManifest(string path) =>
        ManifestReader.ManifestExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The manifest files of a folder in name order (so runs are repeatable), and the files skipped.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Skipped) InFolder(string folder, bool recurse)
    {
        var all = Directory.EnumerateFiles(folder, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal).ToList();
        return (all.Where(IsManifest).ToList(), all.Where(f => !IsManifest(f)).ToList());
    }
}
