using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// A file or folder whose content becomes data, as kubectl's --from-file: the key is <see cref="Key"/> when
/// given, else the file's name; a folder gives one key per regular file in it (and no key may be named for it).
/// </summary>
/// <param name="Path">A file or a folder.</param>
/// <param name="Key">The key for a file; null takes the file's name, as kubectl does.</param>
public sealed record FileSource(string Path, string? Key = null)
{
    /// <summary>
    /// Reads kubectl's --from-file syntax: <c>path</c> or <c>key=path</c>, with kubectl's errors for a missing
    /// key or path and for more than one '='.
    /// </summary>
    public static FileSource Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var separators = source.Count(c => c == '=');
        if (separators == 0) return new FileSource(source);
        string? problem = null;
        if (separators > 1) problem = "key names or file paths cannot contain '='";
        else if (source.StartsWith('=')) problem = $"key name for file path {source[1..]} missing";
        else if (source.EndsWith('=')) problem = $"file path for key name {source[..^1]} missing";
        if (problem is not null)
            throw new K8sException(new K8sError("InvalidFileSource", K8sErrorCategory.InvalidArgument, $"{problem} (in \"{source}\")")
            {
                RecommendedAction = "Give a file as path or key=path, with one '=' at most.",
            });
        var at = source.IndexOf('=', StringComparison.Ordinal);
        return new FileSource(source[(at + 1)..], source[..at]);
    }

    /// <summary>The key kubectl gives a file named by <paramref name="path"/> when no key is named: its last path element.</summary>
    public static string DefaultKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Go's path.Base(filepath.ToSlash(p)): trailing slashes dropped, then the last element.
        var slashed = path.Replace(System.IO.Path.DirectorySeparatorChar, '/').TrimEnd('/');
        if (slashed.Length == 0) return path.Length == 0 ? "." : "/";
        var at = slashed.LastIndexOf('/');
        return at < 0 ? slashed : slashed[(at + 1)..];
    }

    public override string ToString() => Key is null ? Path : $"{Key}={Path}";
}
