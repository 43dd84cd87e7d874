using System.Text;
using System.Text.RegularExpressions;
using K8sPS.Engine.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Edits a kubeconfig file's current-context, or one context's namespace, by splicing the text:
/// nothing else in the file changes, byte for byte (comments, key order, exec and auth-provider
/// blocks, line endings). Writes go where kubectl writes them (see <see cref="KubeConfigSet"/>).
/// </summary>
public static partial class KubeConfigEditor
{
    /// <summary>Makes <paramref name="context"/> current; returns the file written.</summary>
    public static string SetCurrentContext(KubeConfigSet config, string context)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.FindContext(context); // refuse a name that does not exist, as kubectl does
        var file = config.CurrentContextTarget;
        EditFile(file, text => SetCurrentContext(text, context));
        return file;
    }

    /// <summary>Sets the namespace of <paramref name="context"/> in the file that defines it; returns that file.</summary>
    public static string SetNamespace(KubeConfigSet config, string context, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ctx = config.FindContext(context);
        var file = config.SourceOf(ctx.Name) ?? config.Files[0];
        EditFile(file, text => SetNamespace(text, ctx.Name, @namespace));
        return file;
    }

    /// <summary>Returns <paramref name="text"/> with its top-level current-context set.</summary>
    public static string SetCurrentContext(string text, string context)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = RootMapping(text);
        if (root is null)
            return text + (text.Length == 0 || text.EndsWith('\n') ? "" : NewLine(text)) + "current-context: " + Scalar(context, false) + NewLine(text);
        if (Value(root, "current-context") is { } node)
            return ReplaceValue(text, node, context);
        return InsertKey(text, root, "current-context", context, appendAtEnd: true);
    }

    /// <summary>Returns <paramref name="text"/> with the namespace of context <paramref name="context"/> set.</summary>
    public static string SetNamespace(string text, string context, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        var contexts = RootMapping(text) is { } root ? Value(root, "contexts") as YamlSequenceNode : null;
        var entry = contexts?.Children.OfType<YamlMappingNode>()
            .FirstOrDefault(m => Value(m, "name") is YamlScalarNode s && s.Value == context);
        if (entry is null)
            throw Cannot($"the file has no context named '{context}'");
        switch (Value(entry, "context"))
        {
            case YamlMappingNode details when Value(details, "namespace") is { } ns:
                return ReplaceValue(text, ns, @namespace);
            case YamlMappingNode details:
                return InsertKey(text, details, "namespace", @namespace, appendAtEnd: false);
            case YamlScalarNode empty when string.IsNullOrEmpty(empty.Value):
                return Splice(text, (int)empty.Start.Index, (int)empty.End.Index, " {namespace: " + Scalar(@namespace, false) + "}");
            default:
                throw Cannot($"the context '{context}' has no 'context:' mapping");
        }
    }

    private static void EditFile(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        var edited = edit(text);
        if (edited == text) return;
        var output = new UTF8Encoding(false).GetBytes(edited);
        // Written in place as kubectl does, so the file keeps its owner, mode (0600) and any symlink.
        using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write);
        if (bom) stream.Write([0xEF, 0xBB, 0xBF]);
        stream.Write(output);
    }

    private static YamlMappingNode? RootMapping(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Cannot($"it is not valid YAML ({e.Start}: {e.Message})");
        }
        if (stream.Documents.Count == 0) return null;
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? (stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" } ? null : throw Cannot("its top level is not a mapping"));
    }

    private static YamlNode? Value(YamlMappingNode map, string key)
        => map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

    private static string ReplaceValue(string text, YamlNode node, string value)
    {
        if (node is not YamlScalarNode scalar) throw Cannot("the value to change is not a plain value");
        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        var quoted = scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted;
        var rendered = Scalar(value, quoted || IsJson(text));
        // An empty plain value ("key:") has no text of its own: keep a space after the colon.
        if (start == end && start > 0 && text[start - 1] == ':') rendered = " " + rendered;
        return Splice(text, start, end, rendered);
    }

    /// <summary>Adds key: value to a mapping, matching its style and its keys' indentation.</summary>
    private static string InsertKey(string text, YamlMappingNode map, string key, string value, bool appendAtEnd)
    {
        var nl = NewLine(text);
        if (map.Style == MappingStyle.Flow)
        {
            // After the opening brace: valid YAML and valid JSON alike.
            var brace = (int)map.Start.Index;
            if (brace >= text.Length || text[brace] != '{') throw Cannot("a flow mapping without '{'");
            var json = IsJson(text);
            var entry = (json ? "\"" + key + "\"" : key) + ": " + Scalar(value, json) + (map.Children.Count > 0 ? ", " : "");
            return Splice(text, brace + 1, brace + 1, entry);
        }
        var first = map.Children.Keys.FirstOrDefault() ?? throw Cannot("an empty block mapping");
        var keyStart = (int)first.Start.Index;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, keyStart - 1)) + 1;
        var indent = text[lineStart..keyStart];
        if (indent.Any(c => c != ' ')) throw Cannot("the mapping's first key does not start its line");
        var line = indent + key + ": " + Scalar(value, false);
        if (!appendAtEnd) return Splice(text, lineStart, lineStart, line + nl);
        // At the end of the file for a top-level key: kubectl's own files end with current-context too.
        var tail = text.Length == 0 || text.EndsWith('\n') ? "" : nl;
        return text + tail + line + nl;
    }

    private static string Splice(string text, int start, int end, string insert) => string.Concat(text.AsSpan(0, start), insert, text.AsSpan(end));

    private static string NewLine(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    private static bool IsJson(string text) => text.TrimStart().StartsWith('{');

    /// <summary>A plain scalar when YAML would read it back as the same string, else a JSON-style double-quoted one.</summary>
    internal static string Scalar(string value, bool forceQuotes)
    {
        if (!forceQuotes && PlainSafe().IsMatch(value) && !Ambiguous().IsMatch(value)) return value;
        return System.Text.Json.JsonSerializer.Serialize(value);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-/@]*$")]
    private static partial Regex PlainSafe();

    // Words and numbers YAML would read as something other than a string.
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*)?(\.\d*)?(e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$")]
    private static partial Regex Ambiguous();

    private static K8sException Cannot(string why) => new(new K8sError("KubeconfigNotEditable", K8sErrorCategory.InvalidConfiguration,
        $"The kubeconfig cannot be edited safely: {why}. Nothing was changed."));
}
