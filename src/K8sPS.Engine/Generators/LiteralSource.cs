using System.Text;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// One key and its value given directly (kubectl's --from-literal). The value is bytes: the caller converts
/// strings, SecureString or PSCredential. Nothing here shows the value: ToString gives the key and the size.
/// </summary>
public sealed class LiteralSource
{
    private readonly byte[] value;

    public LiteralSource(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        ArgumentNullException.ThrowIfNull(value);
        this.value = (byte[])value.Clone();
    }

    public string Key { get; }

    /// <summary>The value's length in bytes.</summary>
    public int Size => value.Length;

    /// <summary>A copy of the value.</summary>
    public byte[] GetValue() => (byte[])value.Clone();

    internal ReadOnlySpan<byte> ValueBytes() => value;

    /// <summary>A literal from text, stored as UTF-8 (as kubectl stores its arguments).</summary>
    public static LiteralSource FromText(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new LiteralSource(key, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>
    /// Reads kubectl's --from-literal syntax <c>key=value</c> (split at the first '='; the value may hold more),
    /// refusing what kubectl refuses: no '=' or a leading one. The error names the key only, never the value.
    /// </summary>
    public static LiteralSource Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var at = source.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
            throw new K8sException(new K8sError("InvalidLiteralSource", K8sErrorCategory.InvalidArgument,
                at < 0 ? "invalid literal source: expected key=value, found no '='" : "invalid literal source: expected key=value, the key before '=' is empty")
            {
                RecommendedAction = "Give each literal as key=value.",
            });
        return FromText(source[..at], source[(at + 1)..]);
    }

    public override string ToString() => $"{Key} ({Size} bytes)";
}
