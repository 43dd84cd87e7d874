using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>Positions, multi-document files, YAML 1.1 scalars, and bad input: clear errors, never a crash.</summary>
public class ManifestReaderTests
{
    [Fact]
    public void Every_field_keeps_its_line_across_documents()
    {
        var read = ManifestReader.ReadFile(TestFiles.NotesYaml("P4-1-471.yaml"));
        Assert.Empty(read.Errors);
        Assert.Equal(3, read.Documents.Count);
        var third = read.Documents[2];
        Assert.Equal(2, third.Source.DocumentIndex);
        Assert.Equal(28, third.Source.Line);
        Assert.Equal("auth-service", third.Name);
        Assert.Equal(31, third.LineOf("metadata.name"));
        Assert.Equal(37, third.LineOf("spec.ports[0]"));
        Assert.Equal(39, third.LineOf("spec.ports[0].targetPort"));
        // A path with no position of its own falls back to its parent's line.
        Assert.Equal(39, third.LineOf("spec.ports[0].targetPort.nothing"));
    }

    [Fact]
    public void Scalars_resolve_as_kubectl_reads_them()
    {
        var doc = ManifestReader.Read("a: yes\nb: 'yes'\nc: 010\nd: 0x1F\ne: 1.0\nf: 1.5\ng: ~\nh:\ni: \"123\"\nj: 12:30\nk: off\n").Documents[0].Object!;
        Assert.True(doc["a"]!.GetValue<bool>());
        Assert.Equal("yes", doc["b"]!.GetValue<string>());
        Assert.Equal(8, doc["c"]!.GetValue<long>());
        Assert.Equal(31, doc["d"]!.GetValue<long>());
        Assert.Equal(1, doc["e"]!.GetValue<long>());
        Assert.Equal(1.5, doc["f"]!.GetValue<double>());
        Assert.Null(doc["g"]);
        Assert.True(doc.ContainsKey("h"));
        Assert.Equal("123", doc["i"]!.GetValue<string>());
        Assert.Equal("12:30", doc["j"]!.GetValue<string>());
        Assert.False(doc["k"]!.GetValue<bool>());
    }

    [Fact]
    public void Keys_with_dots_are_bracketed_in_paths()
    {
        var doc = ManifestReader.ReadFile(TestFiles.NotesYaml("A-PROVISION-1135.yaml")).Documents[0];
        Assert.Equal(6, doc.LineOf("metadata.annotations[\"volume.beta.kubernetes.io/storage-class\"]"));
        Assert.Equal("metadata.annotations", ManifestDocument.ParentPath("metadata.annotations[\"volume.beta.kubernetes.io/storage-class\"]"));
    }

    [Fact]
    public void Tabs_give_a_clear_error_and_the_other_documents_are_kept()
    {
        var read = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "x.yaml");
        Assert.Equal(["a", "c"], read.Documents.Select(d => d.Name));
        var e = Assert.Single(read.Errors);
        Assert.Equal(9, e.Line);
        Assert.Contains("document 2", e.Message);
        Assert.Contains("tabs", e.Hint);
        Assert.StartsWith("x.yaml:9:", e.ToString());
    }

    [Fact]
    public void Bad_indentation_points_at_the_line()
    {
        var read = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   labels: x\n");
        var e = Assert.Single(read.Errors);
        Assert.Equal(5, e.Line);
        Assert.Contains("indentation", e.Hint);
    }

    [Fact]
    public void An_unclosed_quote_is_reported()
    {
        var read = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a\ndata:\n  x: y\n");
        var e = Assert.Single(read.Errors);
        Assert.Empty(read.Documents);
        Assert.Contains("quote", (e.Hint ?? "") + e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    public void Empty_input_is_an_error_not_a_crash(string text)
    {
        var read = ManifestReader.Read(text, "empty.yaml");
        Assert.Empty(read.Documents);
        Assert.Contains("no Kubernetes objects", Assert.Single(read.Errors).Message);
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"k8sps-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0xFF]);
        try
        {
            var read = ManifestReader.ReadFile(path);
            Assert.Empty(read.Documents);
            Assert.Contains("binary", Assert.Single(read.Errors).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_document_with_no_kind_is_read_and_lint_says_so()
    {
        var doc = Assert.Single(ManifestReader.Read("apiVersion: v1\nmetadata:\n  name: x\n").Documents);
        var issue = Assert.Single(new ManifestLinter().Lint(doc));
        Assert.Equal("K8S001", issue.RuleId);
        Assert.Contains("no kind", issue.Message);
    }

    [Fact]
    public void A_10_MB_file_reads_completely()
    {
        var sb = new StringBuilder();
        var i = 0;
        while (sb.Length < 10 * 1024 * 1024)
            sb.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i++}\ndata:\n  payload: \"{new string('x', 2000)}\"\n");
        var read = ManifestReader.Read(sb.ToString(), "big.yaml");
        Assert.Empty(read.Errors);
        Assert.Equal(i, read.Documents.Count);
        Assert.Equal($"cm-{i - 1}", read.Documents[^1].Name);
    }

    [Fact]
    public void A_folder_lists_manifests_and_skips_other_files()
    {
        var dir = Directory.CreateTempSubdirectory("k8sps-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
            File.WriteAllText(Path.Combine(dir, "b.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}");
            File.WriteAllText(Path.Combine(dir, "README.md"), "# not a manifest");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "c.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
            var (files, skipped) = ManifestFiles.InFolder(dir, recurse: false);
            Assert.Equal(["a.yaml", "b.json"], files.Select(Path.GetFileName));
            Assert.Equal(["README.md"], skipped.Select(Path.GetFileName));
            Assert.Equal(3, ManifestFiles.InFolder(dir, recurse: true).Files.Count);
            Assert.Equal("b", ManifestReader.ReadFile(Path.Combine(dir, "b.json")).Documents[0].Name);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_List_expands_to_its_items_with_their_lines()
    {
        var doc = ManifestReader.Read("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n").Documents[0];
        var items = doc.Expand().ToList();
        Assert.Equal(["a", "b"], items.Select(d => d.Name));
        Assert.Equal(8, items[1].Source.Line);
        Assert.Equal(11, items[1].LineOf("metadata.name"));
    }
}
