using System.Diagnostics;
using System.Globalization;
using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Tests.Manifests;

namespace K8sPS.Engine.Tests.Fuzz;

/// <summary>
/// Every YAML example of the notes and of examples/, mutated (<see cref="YamlMutator"/>) and fed to what
/// ConvertFrom-K8sYaml, Test-K8sManifest and Set-K8sResource -WhatIf run before anything is sent (read, lint,
/// prepare): never an exception, a hang or a runaway; every failure names its file and a line. A fixed seed
/// and a few hundred cases here; K8SPS_FUZZ_CASES raises the count (the bench runs 10,000).
/// </summary>
public class ManifestFuzzTests
{
    private const int Seed = 20261201;
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    private static IReadOnlyList<(string Name, string Text)> Corpus() =>
        Directory.EnumerateFiles(Path.Combine(TestFiles.RepoRoot, "tests", "pester", "seed", "notes-yaml"), "*.yaml")
            .Concat(Directory.EnumerateFiles(Path.Combine(TestFiles.RepoRoot, "examples"), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();

    private static readonly IApiCatalog Catalog = ApiCatalog.FromResources(
    [
        new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["create", "get", "patch"], true),
        new("", "v1", "Service", "services", "service", true, ["svc"], ["create", "get", "patch"], true),
        new("", "v1", "Pod", "pods", "pod", true, ["po"], ["create", "get", "patch"], true),
        new("", "v1", "Secret", "secrets", "secret", true, [], ["create", "get", "patch"], true),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", "persistentvolumeclaim", true, ["pvc"], ["create", "get", "patch"], true),
        new("", "v1", "PersistentVolume", "persistentvolumes", "persistentvolume", false, ["pv"], ["create", "get", "patch"], true),
        new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["create", "get", "patch"], true),
        new("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, ["sts"], ["create", "get", "patch"], true),
        new("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, ["ds"], ["create", "get", "patch"], true),
        new("networking.k8s.io", "v1", "Ingress", "ingresses", "ingress", true, ["ing"], ["create", "get", "patch"], true),
        new("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true, ["hpa"], ["create", "get", "patch"], true),
    ], "1.20.2");

    [Fact]
    public async Task Mutated_examples_never_crash_hang_or_fail_without_a_file_and_line()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("K8SPS_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 300;
        var corpus = Corpus();
        Assert.True(corpus.Count >= 30, $"the corpus is the notes' and examples' YAML: found {corpus.Count} files");
        var mutator = new YamlMutator(Seed);
        var linter = new ManifestLinter();
        var options = new ApplyOptions { DryRun = true };
        var skipLint = new ApplyOptions { DryRun = true, Lint = false }; // -SkipLint: Prepare meets what lint would have refused
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        for (var i = 0; i < cases; i++)
        {
            var (name, text) = corpus[i % corpus.Count];
            var bytes = mutator.Mutate(text);
            var label = $"case {i} ({name}, {mutator.Name})";
            var run = Task.Run(() =>
            {
                var read = ManifestReader.ReadBytes(bytes, name);
                foreach (var e in read.Errors)
                    if (e.File != name || e.Line < 1) problems.Add($"{label}: read error without file and line: {e}");
                foreach (var doc in read.Documents.SelectMany(d => d.Expand()))
                {
                    foreach (var issue in linter.Lint(doc, Catalog))
                        if (issue.File != name || issue.Line < 1) problems.Add($"{label}: lint issue without file and line: {issue}");
                    foreach (var how in new[] { options, skipLint })
                        if (ManifestApplier.Prepare(doc, Catalog, how).Failure?.Error is { } error && !error.Message.StartsWith(name + ":", StringComparison.Ordinal))
                            problems.Add($"{label}: apply refusal without file and line{(how.Lint ? "" : " (-SkipLint)")}: {error.Message}");
                }
            });
            try
            {
                await run.WaitAsync(CaseLimit);
            }
            catch (TimeoutException)
            {
                problems.Add($"{label}: still running after {CaseLimit.TotalSeconds} s");
            }
            catch (Exception e)
            {
                problems.Add($"{label}: {e.GetType().Name}: {e.Message}");
            }
            if (problems.Count > 10) break;
        }
        var rate = cases / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        var report = Environment.GetEnvironmentVariable("K8SPS_FUZZ_REPORT");
        if (!string.IsNullOrEmpty(report))
            File.WriteAllText(report, string.Create(CultureInfo.InvariantCulture, $"cases={cases}\nseconds={clock.Elapsed.TotalSeconds:0.0}\ncases_per_second={rate:0}\nfailures={problems.Count}\n"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_billion_laughs_is_refused_quickly_with_a_clear_error_and_not_expanded()
    {
        var clock = Stopwatch.StartNew();
        var read = ManifestReader.Read(string.Join('\n', YamlMutator.BillionLaughs()), "lol.yaml");
        Assert.Empty(read.Documents);
        var error = Assert.Single(read.Errors);
        Assert.Equal("lol.yaml", error.File);
        Assert.Contains("expands to more than 400,000 values through its aliases", error.Message, StringComparison.Ordinal);
        Assert.Contains("YAML bomb", error.Hint, StringComparison.Ordinal);
        // A billion values would take hours; refusing takes a moment even on a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Nesting_too_deep_for_any_object_is_refused_at_its_line_before_it_can_overflow_the_stack()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " + new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Single(ManifestReader.Read(text, "deep.yaml").Errors);
        Assert.Equal(5, error.Line);
        Assert.Contains($"nests deeper than {ManifestReader.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mapping")]
    [InlineData("sequence")]
    public void Block_nesting_of_MaxDepth_levels_reads_and_one_more_is_refused(string shape)
    {
        // Indented keys, one level a line, or block entries ("- - - x"), one level each.
        static string Nested(string shape, int levels) => shape == "mapping"
            ? string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', i) + $"k{i}:" + (i == levels - 1 ? " x" : "") + "\n"))
            : string.Concat(Enumerable.Repeat("- ", levels)) + "x\n";
        var fits = ManifestReader.Read(Nested(shape, ManifestReader.MaxDepth), "fits.yaml");
        Assert.Empty(fits.Errors);
        Assert.Single(fits.Documents);
        var error = Assert.Single(ManifestReader.Read(Nested(shape, ManifestReader.MaxDepth + 1), "deep.yaml").Errors);
        Assert.Contains($"nests deeper than {ManifestReader.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_brace_left_open_across_lines_is_named_by_its_line()
    {
        var error = Assert.Single(ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata: {}", "open.yaml").Errors);
        Assert.Equal((3, 11), (error.Line, error.Column));
        Assert.Contains("this '{' or '[' is not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_named_by_line_and_column()
    {
        var bytes = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: ab"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var error = Assert.Single(ManifestReader.ReadBytes(bytes, "bad.yaml").Errors);
        Assert.Equal((6, 8), (error.Line, error.Column));
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metadata_that_is_a_string_is_an_issue_at_its_line_not_a_crash()
    {
        // Found by the bench's 10,000 cases: "metadata: |" made every rule that asks for the name throw.
        var doc = Assert.Single(ManifestReader.Read("apiVersion: apps/v1\nkind: Deployment\nmetadata: |\n  block\n  name: web\nspec: {}\n", "string-metadata.yaml").Documents);
        Assert.Null(doc.Name);
        Assert.Equal("Deployment/<no name>", doc.Display);
        var issues = new ManifestLinter().Lint(doc, Catalog);
        Assert.Contains(issues, i => i.Severity == IssueSeverity.Error && i.Line == 3);
        Assert.NotNull(ManifestApplier.Prepare(doc, Catalog, new ApplyOptions()).Failure);
    }
}
