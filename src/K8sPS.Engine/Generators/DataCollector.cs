using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>One key and its bytes, with where it came from (for messages that name both sources of a clash).</summary>
internal sealed record DataEntry(string Key, byte[] Value, string Origin);

/// <summary>
/// Gathers the keys of a Secret or ConfigMap from files, folders, literals and env files in kubectl's order,
/// refusing what kubectl refuses (invalid keys, duplicates, a key named for a folder, env files mixed with
/// the rest) and what kubectl would drop without a word (a folder's subfolders and links), unless asked.
/// </summary>
internal sealed class DataCollector(string kind, string name)
{
    private readonly List<DataEntry> entries = [];
    private readonly Dictionary<string, DataEntry> byKey = new(StringComparer.Ordinal);

    public IReadOnlyList<DataEntry> Entries => entries;

    public static IReadOnlyList<DataEntry> Collect(string kind, string name, DataSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.EnvFiles.Count > 0 && (sources.Files.Count > 0 || sources.Literals.Count > 0))
            throw new K8sException(new K8sError("InvalidDataSource", K8sErrorCategory.InvalidArgument,
                $"{kind} \"{name}\": from-env-file cannot be combined with from-file or from-literal (kubectl refuses the mix too)")
            {
                Kind = kind,
                Name = name,
                RecommendedAction = "Make the object from env files alone, or from files and literals alone.",
            });
        var collector = new DataCollector(kind, name);
        foreach (var file in sources.Files) collector.AddFileSource(file, sources.SkipSubfolders);
        foreach (var literal in sources.Literals) collector.Add(literal.Key, literal.GetValue(), $"literal {literal.Key}");
        foreach (var envFile in sources.EnvFiles)
            foreach (var entry in EnvFile.Read(envFile, sources.Environment))
                collector.Add(entry.Key, System.Text.Encoding.UTF8.GetBytes(entry.Value), $"env file {envFile} line {entry.Line}");
        return collector.Entries;
    }

    public void Add(string key, byte[] value, string origin)
    {
        if (DataKeyRules.ConfigMapKeyProblems(key) is { Count: > 0 } problems)
            throw new K8sException(new K8sError("InvalidKey", K8sErrorCategory.InvalidArgument,
                $"\"{key}\" is not a valid key name for a {kind}: {string.Join(";", problems)} (from {origin})")
            {
                Kind = kind,
                Name = name,
                RecommendedAction = "Name the key explicitly (key=path for a file), using letters, digits, '-', '_' and '.' only.",
            });
        if (byKey.TryGetValue(key, out var earlier))
            throw new K8sException(new K8sError("DuplicateKey", K8sErrorCategory.InvalidArgument,
                (kind == "ConfigMap"
                    ? $"cannot add key \"{key}\", another key by that name already exists in {(IsText(earlier.Value) ? "Data" : "BinaryData")} for ConfigMap \"{name}\""
                    : $"cannot add key {key}, another key by that name already exists")
                + $" (from {earlier.Origin} and from {origin})")
            {
                Kind = kind,
                Name = name,
                RecommendedAction = "Give one of the two a key of its own (key=path for a file).",
            });
        var entry = new DataEntry(key, value, origin);
        entries.Add(entry);
        byKey.Add(key, entry);
    }

    internal static bool IsText(byte[] value) => System.Text.Unicode.Utf8.IsValid(value);

    private void AddFileSource(FileSource source, bool skipSubfolders)
    {
        var path = source.Path;
        if (Directory.Exists(path))
        {
            if (source.Key is not null)
                throw Refused("KeyForFolder", $"cannot give a key name for a directory path (key \"{source.Key}\" for folder {path})",
                    "Give the folder alone (each file's name becomes its key), or name a file in it as key=path.");
            foreach (var entry in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            {
                var entryName = Path.GetFileName(entry);
                var what = WhatKubectlSkips(entry);
                if (what is null)
                {
                    Add(entryName, Read(entry), $"folder {path}: file {entryName}");
                    continue;
                }
                if (skipSubfolders) continue;
                throw Refused("FolderEntrySkipped",
                    $"folder {path} holds {what} \"{entryName}\", which kubectl would skip silently (it takes only the regular files directly in the folder), so it would not be in the {kind}",
                    "Add its files with their own file sources, or ask to skip subfolders to leave it out as kubectl does.");
            }
            return;
        }
        var key = source.Key ?? FileSource.DefaultKey(path);
        Add(key, Read(path), source.Key is null ? $"file {path}" : $"file {path} as key {key}");
    }

    /// <summary>What kubectl's folder listing leaves out: everything but a regular file (it does not follow links).</summary>
    private static string? WhatKubectlSkips(string entry)
    {
        var info = new FileInfo(entry);
        if (info.LinkTarget is not null) return "the symbolic link";
        if ((info.Attributes & FileAttributes.Directory) != 0) return "the subfolder";
        return null;
    }

    private byte[] Read(string path) => ReadFile(path, kind, name);

    /// <summary>A file's bytes, with kubectl's "error reading PATH: why" for what cannot be read.</summary>
    internal static byte[] ReadFile(string path, string kind, string name)
    {
        K8sException Fail(string errorId, K8sErrorCategory category, string why, string? action = null)
            => new(new K8sError(errorId, category, $"error reading {path}: {why}") { Kind = kind, Name = name, RecommendedAction = action });
        if (Directory.Exists(path)) throw Fail("FileIsFolder", K8sErrorCategory.InvalidArgument, "is a directory", "Give a file here.");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail("FileNotFound", K8sErrorCategory.NotFound, "no such file or directory", "Check the path (relative paths are taken from the current location).");
        }
        catch (UnauthorizedAccessException)
        {
            throw Fail("FileAccessDenied", K8sErrorCategory.PermissionDenied, "permission denied");
        }
        catch (IOException e)
        {
            throw Fail("IOError", K8sErrorCategory.InvalidArgument, e.Message);
        }
    }

    private K8sException Refused(string errorId, string message, string action)
        => new(new K8sError(errorId, K8sErrorCategory.InvalidArgument, message) { Kind = kind, Name = name, RecommendedAction = action });
}
