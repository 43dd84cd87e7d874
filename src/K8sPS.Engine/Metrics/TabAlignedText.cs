using System.Text;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// kubectl's table text: Go's text/tabwriter as kubectl sets it up (minimum width 6, padding 3, spaces),
/// every cell ended by a tab, so every cell — the last of a line too — is padded to its column's width.
/// Columns are aligned over runs of consecutive lines that have the column, as tabwriter's column blocks are.
/// </summary>
internal static class TabAlignedText
{
    private const int MinWidth = 6;
    private const int Padding = 3;

    public static string Format(IReadOnlyList<IReadOnlyList<string>> lines)
    {
        var text = new StringBuilder();
        var widths = new List<int>();
        FormatBlock(lines, 0, lines.Count, widths, text);
        return text.ToString();
    }

    private static void FormatBlock(IReadOnlyList<IReadOnlyList<string>> lines, int from, int to, List<int> widths, StringBuilder text)
    {
        var column = widths.Count;
        var start = from;
        for (var i = from; i < to; i++)
        {
            if (column >= lines[i].Count) continue;
            // Lines before this one are done at the current depth; this one opens a block of the column.
            Write(lines, start, i, widths, text);
            var width = MinWidth;
            var end = i;
            for (; end < to && column < lines[end].Count; end++)
                width = Math.Max(width, lines[end][column].Length + Padding);
            widths.Add(width);
            FormatBlock(lines, i, end, widths, text);
            widths.RemoveAt(widths.Count - 1);
            start = end;
            i = end - 1;
        }
        Write(lines, start, to, widths, text);
    }

    private static void Write(IReadOnlyList<IReadOnlyList<string>> lines, int from, int to, List<int> widths, StringBuilder text)
    {
        for (var i = from; i < to; i++)
        {
            var cells = lines[i];
            for (var j = 0; j < cells.Count; j++)
            {
                text.Append(cells[j]);
                if (j < widths.Count) text.Append(' ', Math.Max(0, widths[j] - cells[j].Length));
            }
            text.Append('\n');
        }
    }
}
