using System.Text;

namespace K8sPS.Engine.Kubelet;

/// <summary>What <see cref="VariableExpansion.Expand"/> made: the text, and which references it replaced or left.</summary>
/// <param name="Value">The expanded text.</param>
/// <param name="Resolved">Names of $(VAR) references that were replaced, in order (repeats kept once).</param>
/// <param name="Unresolved">Names of $(VAR) references left as they are because no such variable was known.</param>
public sealed record ExpansionResult(string Value, IReadOnlyList<string> Resolved, IReadOnlyList<string> Unresolved);

/// <summary>
/// The kubelet's $(VAR) expansion (third_party/forked/golang/expansion): $(NAME) is replaced by the variable's
/// value when it is known and left as it is otherwise; $$ is one '$'; a '$' before anything else stays, as does
/// an unclosed "$(". Works on UTF-8 bytes as Go does, quirk included: a '$' before a non-ASCII character turns
/// that character's first byte into a character of its own (the kubelet mangles "$é" the same way).
/// </summary>
public static class VariableExpansion
{
    public static ExpansionResult Expand(string input, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookup);
        var bytes = Encoding.UTF8.GetBytes(input);
        var output = new List<byte>(bytes.Length);
        var resolved = new List<string>();
        var unresolved = new List<string>();
        var checkpoint = 0;
        for (var cursor = 0; cursor < bytes.Length; cursor++)
        {
            if (bytes[cursor] != (byte)'$' || cursor + 1 >= bytes.Length) continue;
            output.AddRange(bytes.AsSpan(checkpoint, cursor - checkpoint).ToArray());
            var next = bytes[cursor + 1];
            int advance;
            if (next == (byte)'$')
            {
                output.Add((byte)'$');
                advance = 1;
            }
            else if (next == (byte)'(')
            {
                var close = Array.IndexOf(bytes, (byte)')', cursor + 2);
                if (close < 0)
                {
                    output.Add((byte)'$');
                    output.Add((byte)'(');
                    advance = 1;
                }
                else
                {
                    var name = Encoding.UTF8.GetString(bytes, cursor + 2, close - cursor - 2);
                    var value = lookup(name);
                    if (value is null)
                    {
                        output.AddRange(Encoding.UTF8.GetBytes("$(" + name + ")"));
                        if (!unresolved.Contains(name)) unresolved.Add(name);
                    }
                    else
                    {
                        output.AddRange(Encoding.UTF8.GetBytes(value));
                        if (!resolved.Contains(name)) resolved.Add(name);
                    }
                    advance = close - cursor;
                }
            }
            else
            {
                // Go: string(operator) + string(input[0]) turns the byte into the rune of that number.
                output.Add((byte)'$');
                output.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(next)));
                advance = 1;
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        if (checkpoint < bytes.Length) output.AddRange(bytes.AsSpan(checkpoint).ToArray());
        return new ExpansionResult(Encoding.UTF8.GetString(output.ToArray()), resolved, unresolved);
    }
}
