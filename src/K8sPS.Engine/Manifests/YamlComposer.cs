using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace K8sPS.Engine.Manifests;

/// <summary>
/// Builds JSON from YAML parser events, recording where each key and list item sits. A key written twice in one map
/// keeps its last value, as kubectl's YAML reader (go-yaml) does, and is recorded so lint can refuse it: reading
/// never fails on it, so -SkipLint can send such a document as kubectl would.
/// </summary>
internal static class YamlComposer
{
    /// <summary>One document's content, the positions of its fields and the keys it repeats.</summary>
    internal sealed record Composed(JsonNode? Content, Dictionary<string, TextPosition> Positions, List<DuplicateKey> Duplicates);

    /// <summary>Every document of <paramref name="text"/>, whose first line is line <paramref name="lineOffset"/> + 1 of its file.</summary>
    public static List<Composed> Documents(string text, int lineOffset)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<Composed>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var state = new State(lineOffset);
            var content = Compose(parser, "", state);
            parser.Consume<DocumentEnd>();
            documents.Add(new Composed(content, state.Positions, state.Duplicates));
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private sealed class State(int lineOffset)
    {
        public Dictionary<string, TextPosition> Positions { get; } = new(StringComparer.Ordinal);
        public List<DuplicateKey> Duplicates { get; } = [];
        public Dictionary<string, JsonNode?> Anchors { get; } = new(StringComparer.Ordinal);

        public TextPosition At(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);
    }

    private static JsonNode? Compose(IParser parser, string path, State state)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return Anchored(scalar, Resolve(scalar), state);
            case AnchorAlias alias:
                parser.MoveNext();
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor defined before it");
                return anchored?.DeepClone();
            case SequenceStart sequence:
            {
                parser.MoveNext();
                var array = new JsonArray();
                var i = 0;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var itemPath = ManifestDocument.Item(path, i++);
                    state.Positions.TryAdd(itemPath, state.At(parser.Current!.Start));
                    array.Add(Compose(parser, itemPath, state));
                }
                return Anchored(sequence, array, state);
            }
            case MappingStart mapping:
            {
                parser.MoveNext();
                var map = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyStart = state.At(parser.Current!.Start);
                    // A key is its text as written (80: stays "80"); a key that is a map or list, its JSON.
                    string key;
                    if (parser.Current is Scalar keyScalar)
                    {
                        parser.MoveNext();
                        Anchored(keyScalar, JsonValue.Create(keyScalar.Value ?? ""), state);
                        key = keyScalar.Value ?? "";
                    }
                    else key = Compose(parser, path, state)?.ToJsonString() ?? "";
                    var childPath = ManifestDocument.Child(path, key);
                    if (map.ContainsKey(key))
                    {
                        state.Duplicates.Add(new DuplicateKey(childPath, key, keyStart.Line, state.Positions.TryGetValue(childPath, out var first) ? first.Line : keyStart.Line));
                        Forget(state.Positions, childPath);
                    }
                    state.Positions[childPath] = keyStart;
                    var value = Compose(parser, childPath, state);
                    if (key == "<<") continue; // merge keys are not supported by kubectl's JSON conversion either
                    map[key] = value;
                }
                return Anchored(mapping, map, state);
            }
            default:
                throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, $"unexpected {parser.Current?.GetType().Name ?? "end of input"}");
        }
    }

    private static JsonNode? Anchored(NodeEvent node, JsonNode? value, State state)
    {
        if (!node.Anchor.IsEmpty) state.Anchors[node.Anchor.Value] = value?.DeepClone();
        return value;
    }

    /// <summary>The positions under a value that a later duplicate key replaces.</summary>
    private static void Forget(Dictionary<string, TextPosition> positions, string path)
    {
        foreach (var k in positions.Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal) || k.StartsWith(path + "[", StringComparison.Ordinal)).ToList())
            positions.Remove(k);
    }

    private static JsonNode? Resolve(Scalar scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(value);
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(value);
        return ManifestReader.ResolvePlain(value);
    }
}
