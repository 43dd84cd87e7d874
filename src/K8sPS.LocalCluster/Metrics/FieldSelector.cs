namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// A field selector as metrics-server takes it: terms <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c>, comma-separated, on metadata.name and metadata.namespace only (the generic API
/// server refuses any other field for a kind that registers no field conversions, as metrics.k8s.io).
/// </summary>
internal sealed class FieldSelector
{
    private sealed record Term(string Field, string Value, bool Negated);

    private readonly IReadOnlyList<Term> _terms;

    private FieldSelector(IReadOnlyList<Term> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public const string NameField = "metadata.name";
    public const string NamespaceField = "metadata.namespace";

    /// <param name="namespaceName">Null for cluster-scoped objects, which have no metadata.namespace field.</param>
    public bool Matches(string name, string? namespaceName)
    {
        foreach (var t in _terms)
        {
            var actual = t.Field == NameField ? name : namespaceName;
            var equal = actual is not null && actual == t.Value;
            if (t.Negated == equal) return false;
        }
        return true;
    }

    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var terms = new List<Term>();
        foreach (var part in SplitTerms(text))
        {
            string field, value;
            bool negated;
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            var eqeq = part.IndexOf("==", StringComparison.Ordinal);
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (ne >= 0 && (eq < 0 || ne < eq)) { field = part[..ne]; value = part[(ne + 2)..]; negated = true; }
            else if (eqeq >= 0 && eqeq == eq) { field = part[..eqeq]; value = part[(eqeq + 2)..]; negated = false; }
            else if (eq >= 0) { field = part[..eq]; value = part[(eq + 1)..]; negated = false; }
            else
            {
                error = $"invalid selector: '{text}'; can't understand '{part}'";
                return false;
            }
            field = field.Trim();
            if (field is not (NameField or NamespaceField))
            {
                error = $"\"{field}\" is not a known field selector: only \"{NameField}\", \"{NamespaceField}\"";
                return false;
            }
            terms.Add(new Term(field, Unescape(value.Trim()), negated));
        }
        selector = new FieldSelector(terms);
        return true;
    }

    // Terms split on commas not escaped with a backslash (fields.ParseSelector's escaping).
    private static IEnumerable<string> SplitTerms(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == ',')
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static string Unescape(string value) =>
        value.Replace("\\,", ",", StringComparison.Ordinal).Replace("\\=", "=", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}
