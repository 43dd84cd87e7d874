using System.Text;

namespace K8sPS.Engine.Generators;

/// <summary>
/// Go's encoding/json string encoding (Go 1.22 and later, what kubectl 1.32 is built with), for bytes that
/// must equal kubectl's: '"' and '\' escaped, \b \f \n \r \t, other control characters as \u00xx, '&lt;' '&gt;'
/// '&amp;' U+2028 U+2029 as \u escapes (HTML-safe), invalid UTF-8 as \ufffd, everything else as is.
/// </summary>
internal static class GoJson
{
    public static void WriteString(List<byte> output, ReadOnlySpan<byte> utf8)
    {
        output.Add((byte)'"');
        Span<byte> buffer = stackalloc byte[4];
        while (utf8.Length > 0)
        {
            var status = System.Text.Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                Ascii(output, "\\ufffd");
                utf8 = utf8[1..]; // Go replaces each bad byte, .NET's maximal subpart may span several
                continue;
            }
            utf8 = utf8[consumed..];
            switch (rune.Value)
            {
                case '"': Ascii(output, "\\\""); break;
                case '\\': Ascii(output, "\\\\"); break;
                case '\b': Ascii(output, "\\b"); break;
                case '\f': Ascii(output, "\\f"); break;
                case '\n': Ascii(output, "\\n"); break;
                case '\r': Ascii(output, "\\r"); break;
                case '\t': Ascii(output, "\\t"); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029:
                case < 0x20:
                    Ascii(output, "\\u" + rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    var written = rune.EncodeToUtf8(buffer);
                    for (var i = 0; i < written; i++) output.Add(buffer[i]);
                    break;
            }
        }
        output.Add((byte)'"');
    }

    public static void WriteString(List<byte> output, string text) => WriteString(output, Encoding.UTF8.GetBytes(text));

    public static void Ascii(List<byte> output, string text)
    {
        foreach (var c in text) output.Add((byte)c);
    }
}
