using System.Text;

namespace K8sPS.Engine.Display;

/// <summary>
/// Lays out rows as Go's text/tabwriter does with the settings kubectl passes: every column but the last is
/// padded to its widest cell plus <c>padding</c> (and at least <c>minWidth</c>); the last cell of a line is
/// written as it is. Widths count runes, as tabwriter does.
/// </summary>
internal static class TextTable
{
    /// <summary>rollout history's tabbedString: minwidth 0, padding 2.</summary>
    public static string History(IReadOnlyList<string[]> rows) => Format(rows, minWidth: 0, padding: 2);

    /// <summary>printers.GetNewTabWriter (kubectl events, get): minwidth 6, padding 3.</summary>
    public static string Printer(IReadOnlyList<string[]> rows) => Format(rows, minWidth: 6, padding: 3);

    public static string Format(IReadOnlyList<string[]> rows, int minWidth, int padding)
    {
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
            for (var i = 0; i < row.Length - 1; i++)
                widths[i] = Math.Max(widths[i], Math.Max(minWidth, Width(row[i]) + padding));
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(row[i]);
                if (i < row.Length - 1) text.Append(' ', widths[i] - Width(row[i]));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static int Width(string cell) => cell.EnumerateRunes().Count();
}
