using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;

namespace K8sPS.Secrets;

/// <summary>
/// The PowerShell side of a Secret's or ConfigMap's inputs: -FromFile paths resolved as PowerShell resolves them
/// (the current location, ~), -FromLiteral hashtables whose values are text, SecureString, PSCredential (its
/// password) or bytes, and values handed back as SecureString. Plain copies of a value live only in arrays that are
/// cleared after use.
/// </summary>
internal static class SecretInput
{
    /// <summary>The data sources for the Engine's generators. Call on the pipeline thread (paths are resolved through the session).</summary>
    public static DataSources Sources(PSCmdlet cmdlet, string[]? fromFile, IDictionary? fromLiteral, string[]? fromEnvFile, bool skipSubfolders)
    {
        var files = new List<FileSource>();
        foreach (var text in fromFile ?? [])
        {
            var source = FileSource.Parse(text);
            files.Add(source with { Path = ResolvePath(cmdlet, source.Path) });
        }
        var literals = new List<LiteralSource>();
        if (fromLiteral is not null)
            foreach (DictionaryEntry entry in fromLiteral)
            {
                var key = entry.Key is PSObject k ? k.BaseObject?.ToString() : entry.Key?.ToString();
                if (string.IsNullOrEmpty(key))
                    throw Invalid("InvalidLiteralSource", "a -FromLiteral key is empty", "Give each literal a key: @{ password = $value }.");
                var bytes = Bytes(key, entry.Value);
                try { literals.Add(new LiteralSource(key, bytes)); }
                finally { Array.Clear(bytes); }
            }
        return new DataSources
        {
            Files = files,
            Literals = literals,
            EnvFiles = (fromEnvFile ?? []).Select(p => ResolvePath(cmdlet, p)).ToList(),
            SkipSubfolders = skipSubfolders,
        };
    }

    /// <summary>A file path as PowerShell means it: relative to the current location, ~ for home; no wildcards.</summary>
    public static string ResolvePath(PSCmdlet cmdlet, string path)
        => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>The bytes of a literal value: text as UTF-8 (as kubectl stores its arguments), a SecureString's or PSCredential's password as UTF-8, bytes as they are.</summary>
    public static byte[] Bytes(string key, object? value)
    {
        var v = value is PSObject ps ? ps.BaseObject : value;
        return v switch
        {
            null => throw Invalid("InvalidLiteralSource", $"the -FromLiteral value of key {key} is null", "Give a text, a SecureString, a PSCredential or bytes (use '' for an empty value)."),
            string s => Encoding.UTF8.GetBytes(s),
            SecureString secure => Bytes(secure),
            PSCredential credential => Bytes(credential.Password),
            byte[] b => (byte[])b.Clone(),
            IFormattable f when v is not IEnumerable => Encoding.UTF8.GetBytes(f.ToString(null, CultureInfo.InvariantCulture)),
            bool b => Encoding.UTF8.GetBytes(b ? "true" : "false"),
            _ => throw Invalid("InvalidLiteralSource", $"the -FromLiteral value of key {key} is a {v.GetType().Name}",
                "Give a text, a SecureString, a PSCredential (its password is taken) or a byte array."),
        };
    }

    /// <summary>The UTF-8 bytes of a SecureString; the caller clears them.</summary>
    public static byte[] Bytes(SecureString? secure)
    {
        if (secure is null || secure.Length == 0) return [];
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        var chars = new char[secure.Length];
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Array.Clear(chars);
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>A read-only SecureString of UTF-8 <paramref name="bytes"/>; null when they are not text.</summary>
    public static SecureString? ToSecureString(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var chars = Encoding.UTF8.GetChars(bytes);
        try
        {
            var secure = new SecureString();
            foreach (var c in chars) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private static K8sException Invalid(string id, string message, string action)
        => new(new K8sError(id, K8sErrorCategory.InvalidArgument, message) { RecommendedAction = action });
}
