using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Editing;

/// <summary>One reason an edit must be made again, as kubectl edit writes it at the top of the reopened file.</summary>
/// <param name="Head">The reason (<c>deployments.apps "web" was not valid</c>, <c>The edited file had a syntax error: ...</c>).</param>
/// <param name="Details">Its causes, one a line (<c>spec.replicas: Invalid value: -1: ...</c>).</param>
public sealed record EditReason(string Head, IReadOnlyList<string> Details);

/// <summary>The verdict on one edit.</summary>
public sealed record EditResult(EditStep Step, string? Message, IReadOnlyList<EditReason> Reasons, K8sError? Error, JsonObject? Edited, JsonObject? Patch);

/// <summary>
/// The rules of <c>kubectl edit</c> (cmd/util/editor/editoptions.go) for one object, with no editor and no
/// server in it: the file the user edits (kubectl's header, the object as YAML without managedFields, the
/// reasons of the last failure), what the saved text means (cancelled, empty, a syntax error to reopen with,
/// apiVersion/kind/name/namespace changed, unchanged), the patch to send, and, when the object changed on the
/// server meanwhile, whether the edit can be carried over to the new version.
/// </summary>
/// <remarks>
/// The patch is a JSON merge patch from the version read to the version saved, carrying that version's
/// resourceVersion, so the server refuses it (409) when the object changed since. <see cref="Rebase"/> then
/// sends the same changes to the new version when no field the user changed was changed on the server too; kubectl
/// sends a strategic merge patch without a precondition and so can overwrite a change it never showed.
/// </remarks>
public sealed class EditSession
{
    /// <summary>kubectl's header, every line a comment.</summary>
    public const string HeaderText =
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
        + "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
        + "# reopened with the relevant failures.\n"
        + "#\n";

    public const string NoChangesText = "Edit cancelled, no changes made.";
    public const string EmptyText = "Edit cancelled, saved file was empty.";
    public const string NoValidChangesText = "Edit cancelled, no valid changes were saved.";

    /// <summary>Fields that change on every write or belong to the server: never counted as someone else's change.</summary>
    private static readonly string[][] ServerFields =
    [
        ["metadata", "resourceVersion"], ["metadata", "generation"], ["metadata", "managedFields"], ["status"],
    ];

    /// <param name="original">The object as read from the server.</param>
    /// <param name="resource">kubectl's resource for messages: <c>deployments.apps</c>.</param>
    public EditSession(JsonObject original, string resource)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        Original = WithoutManagedFields(original);
        Resource = resource;
    }

    /// <summary>The object as the user first sees it (no managedFields, as kubectl edit shows it).</summary>
    public JsonObject Original { get; }

    public string Resource { get; }

    public string Name => Str(Original["metadata"]?["name"]) ?? "";

    public string? Namespace => Str(Original["metadata"]?["namespace"]);

    /// <summary>The object as YAML, as kubectl edit first shows it (header first).</summary>
    public string Render() => HeaderText + KubeFormat.ToYaml(Original);

    /// <summary>
    /// The file reopened after a failure: the header, the reasons as comments, then the user's last text without
    /// its comment lines (kubectl's ManualStrip).
    /// </summary>
    public static string Reopened(IReadOnlyList<EditReason> reasons, string lastEdit)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(lastEdit);
        return Header(reasons) + StripComments(lastEdit);
    }

    /// <summary>kubectl's header with each reason: <c># head:</c>, <c># * detail</c> lines, then <c>#</c>.</summary>
    public static string Header(IReadOnlyList<EditReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var sb = new StringBuilder(HeaderText);
        foreach (var r in reasons)
        {
            sb.Append("# ").Append(HashOnLineBreak(r.Head)).Append(r.Details.Count > 0 ? ":\n" : "\n");
            foreach (var d in r.Details) sb.Append("# * ").Append(HashOnLineBreak(d)).Append('\n');
            sb.Append("#\n");
        }
        return sb.ToString();
    }

    /// <summary>kubectl's ManualStrip: the text without its comment lines (lines whose first non-blank character is '#').</summary>
    public static string StripComments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith('#')) continue;
            kept.Add(lines[i]);
        }
        return string.Join('\n', kept);
    }

    /// <summary>
    /// What the saved text means. <paramref name="lastEdit"/> is the text saved before, when the file was
    /// reopened after a failure: saving it again unchanged ends the edit (kubectl's "no valid changes were saved").
    /// </summary>
    public EditResult Read(string edited, string? lastEdit = null)
    {
        ArgumentNullException.ThrowIfNull(edited);
        if (lastEdit is not null && Same(StripComments(lastEdit), StripComments(edited)))
            return Failed(new K8sError("EditCancelled", K8sErrorCategory.InvalidArgument, NoValidChangesText)
            {
                Kind = KindOf(Original),
                Name = Name,
                Namespace = Namespace,
                RecommendedAction = "Correct what the comments at the top of the file say, or run the edit again.",
            });
        if (lastEdit is null && Same(StripComments(Render()), StripComments(edited)))
            return new EditResult(EditStep.Cancelled, NoChangesText, [], null, null, null);
        if (!StripComments(edited).Split('\n').Any(l => l.Trim().Length > 0))
            return new EditResult(EditStep.Cancelled, EmptyText, [], null, null, null);

        // Read without the comment lines, as kubectl validates it, so a line number is the one kubectl gives.
        ManifestReadResult read;
        try { read = ManifestReader.Read(StripComments(edited)); }
        catch (InvalidOperationException e)
        {
            // YamlDotNet fails this way on some broken flow collections (an unclosed '[' or '{').
            return Reopen(NotValid($"yaml: {e.Message} (an unclosed [ or {{?)"));
        }
        if (read.Errors.Count > 0)
            return Reopen(NotValid(string.Join("; ", read.Errors.Select(SyntaxText))));
        if (read.Documents.Count != 1 || read.Documents[0].Object is not { } obj)
            return Reopen(NotValid($"the edited file must hold one object, the one opened; it holds {read.Documents.Count}"));
        return Check(obj);
    }

    /// <summary>
    /// What an edited object means (the text already read, or what a script block made): the same apiVersion,
    /// kind, name and namespace are required, as kubectl requires them; an equal object is unchanged.
    /// </summary>
    public EditResult Check(JsonObject edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        edited = WithoutManagedFields(edited);
        foreach (var (label, path) in new[] { ("apiVersion", new[] { "apiVersion" }), ("kind", ["kind"]), ("name", ["metadata", "name"]) })
        {
            if (Str(At(Original, path)) != Str(At(edited, path)))
                return Failed(new K8sError("EditChangedIdentity", K8sErrorCategory.InvalidArgument,
                    $"At least one of apiVersion, kind and name was changed: {label} was \"{Str(At(Original, path))}\", the edit has \"{Str(At(edited, path))}\"")
                {
                    Kind = KindOf(Original),
                    Name = Name,
                    Namespace = Namespace,
                    RecommendedAction = "An edit changes one object: to make another one, copy it to a file and use Set-K8sResource.",
                });
        }
        var ns = Str(At(edited, ["metadata", "namespace"]));
        if (Namespace is not null && ns is not null && ns != Namespace)
            return Failed(new K8sError("EditChangedNamespace", K8sErrorCategory.InvalidArgument,
                $"the namespace from the provided object \"{ns}\" does not match the namespace \"{Namespace}\" of the object edited")
            {
                Kind = KindOf(Original),
                Name = Name,
                Namespace = Namespace,
                RecommendedAction = "An object cannot move to another namespace: create it there with Set-K8sResource.",
            });
        var patch = MergePatch.Create(Original, edited);
        if (patch.Count == 0) return new EditResult(EditStep.Unchanged, "skipped", [], null, edited, null);
        return new EditResult(EditStep.Apply, null, [], null, edited, WithVersion(patch, Str(At(Original, ["metadata", "resourceVersion"]))));
    }

    /// <summary>
    /// After a 409 Conflict: the user's changes (from the version read to <paramref name="edited"/>) as a patch of
    /// <paramref name="current"/>, when none of the fields they touch changed on the server too; otherwise
    /// those fields, and no patch. The edit stays based on the version read: after a second conflict the user's
    /// changes are still those from that version, never the file's old values of fields others changed meanwhile.
    /// </summary>
    public (JsonObject? Patch, IReadOnlyList<string> Conflicts) Rebase(JsonObject edited, JsonObject current)
    {
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(current);
        current = WithoutManagedFields(current);
        var mine = MergePatch.Create(Original, WithoutManagedFields(edited));
        (mine["metadata"] as JsonObject)?.Remove("resourceVersion");
        var theirs = MergePatch.Fields(MergePatch.Create(Original, current))
            .Where(f => !ServerFields.Any(s => MergePatch.Overlap(s, f) && f.Count >= s.Length))
            .ToList();
        var conflicts = MergePatch.Fields(mine)
            .Where(f => theirs.Any(t => MergePatch.Overlap(f, t)))
            .Select(MergePatch.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (conflicts.Count > 0) return (null, conflicts);
        return (WithVersion(mine, Str(At(current, ["metadata", "resourceVersion"]))), []);
    }

    /// <summary>kubectl's reason for a 422 Invalid answer: <c>deployments.apps "web" was not valid</c> with each cause.</summary>
    public EditReason InvalidReason(K8sError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var details = error.Causes.Count > 0
            ? error.Causes.Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : $"{c.Field}: {c.Message}").ToList()
            : [error.Message];
        return new EditReason($"{Resource} \"{Name}\" was not valid", details);
    }

    private EditResult Failed(K8sError error) => new(EditStep.Failed, error.Message, [], error, null, null);

    private static EditResult Reopen(EditReason reason) => new(EditStep.Reopen, reason.Head, [reason], null, null, null);

    /// <summary>kubectl 1.32's reason for a file that does not parse (its client-side validation), without Go's "&lt;nil&gt;: " field.</summary>
    private EditReason NotValid(string why)
        => new($"{Resource} \"{Name}\" was not valid", [$"Invalid value: \"The edited file failed validation\": {why}"]);

    private static string SyntaxText(ManifestReadError e)
    {
        var message = System.Text.RegularExpressions.Regex.Replace(e.Message, @"^invalid YAML in document \d+: ", "");
        return e.Line > 0 ? $"yaml: line {e.Line}: {message}" : $"yaml: {message}";
    }

    private static JsonObject WithVersion(JsonObject patch, string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion)) return patch;
        if (patch["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            patch["metadata"] = meta;
        }
        meta["resourceVersion"] = resourceVersion;
        return patch;
    }

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static bool Same(string a, string b) => a.TrimEnd('\n', ' ') == b.TrimEnd('\n', ' ');

    /// <summary>kubectl's hashOnLineBreak: a line break inside a reason starts a comment line too.</summary>
    private static string HashOnLineBreak(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\n' && i + 1 < s.Length && s[i + 1] != '#') sb.Append("\n# ");
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static JsonNode? At(JsonNode? node, IEnumerable<string> path)
    {
        foreach (var key in path) node = (node as JsonObject)?[key];
        return node;
    }

    private static string? KindOf(JsonObject obj) => Str(obj["kind"]);

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
