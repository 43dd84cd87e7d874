namespace K8sPS.Engine.Tests.Manifests;

/// <summary>Paths of test data inside the repository (the notes' YAML lives with the Pester scenarios).</summary>
internal static class TestFiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string NotesYaml(string name) => Path.Combine(RepoRoot, "tests", "pester", "seed", "notes-yaml", name);

    public static string Data(string name) => Path.Combine(RepoRoot, "tests", "K8sPS.Engine.Tests", "Manifests", "data", name);

    public static string Example(string id, string name) => Path.Combine(RepoRoot, "examples", id, name);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "K8sPS.sln"))) return d.FullName;
        throw new InvalidOperationException("K8sPS.sln not found above " + AppContext.BaseDirectory);
    }
}
