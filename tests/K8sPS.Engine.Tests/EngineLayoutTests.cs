using System.Text.RegularExpressions;

namespace K8sPS.Engine.Tests;

/// <summary>
/// The Engine's rooms stay easy to find things in: one public type per file, named after it (small records and
/// enums that belong to that type may sit beside it), and each file's namespace is its folder.
/// </summary>
public partial class EngineLayoutTests
{
    private static readonly string EngineRoot = Path.Combine(RepositoryRoot(), "src", "K8sPS.Engine");

    public static TheoryData<string> EngineFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(EngineRoot, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(EngineRoot, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(EngineFiles))]
    public void Holds_one_public_type_named_as_the_file_and_its_folder_is_its_namespace(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(EngineRoot, file));
        var folder = Path.GetDirectoryName(file)!.Replace(Path.DirectorySeparatorChar, '.');
        var expected = "K8sPS.Engine" + (folder.Length == 0 ? "" : "." + folder);
        Assert.Contains($"namespace {expected};", lines);

        var types = lines.Select((l, i) => (Match: TopLevelPublicType().Match(l), Line: i)).Where(t => t.Match.Success).ToList();
        // A "small" type is a record or enum declared in at most three lines: it belongs with the type beside it.
        var large = types.Where(t => !IsSmall(lines, t.Line, t.Match.Groups["kind"].Value)).Select(t => t.Match.Groups["name"].Value).ToList();
        Assert.True(large.Count <= 1, $"{file} holds {large.Count} public types: {string.Join(", ", large)}. Give each its own file.");
        if (large.Count == 1)
            Assert.Equal(Path.GetFileNameWithoutExtension(file), large[0]);
    }

    private static bool IsSmall(string[] lines, int start, string kind)
    {
        if (!kind.StartsWith("record", StringComparison.Ordinal) && kind != "enum") return false;
        for (var i = start; i < Math.Min(lines.Length, start + 3); i++)
        {
            var code = lines[i].Trim();
            if (code.EndsWith(';') || code.EndsWith('}')) return true;
        }
        return false;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "K8sPS.sln"))) return dir.FullName;
        throw new InvalidOperationException("K8sPS.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|partial|readonly) )*(?<kind>class|record struct|record|enum|interface|struct) (?<name>[A-Z][A-Za-z0-9]*)")]
    private static partial Regex TopLevelPublicType();
}
