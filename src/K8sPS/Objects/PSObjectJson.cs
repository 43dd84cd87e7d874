using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using k8s;

namespace K8sPS.Objects;

/// <summary>
/// JSON of what PowerShell holds: ConvertFrom-Json objects, hashtables, arrays, scalars. Our own walk
/// (not ConvertTo-Json) so no depth limit truncates deep specs, and typed objects keep their exact JSON.
/// </summary>
internal static class PSObjectJson
{
    private const int MaxDepth = 64;

    public static string Serialize(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, value, 0);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, object? value, int depth)
    {
        if (depth > MaxDepth) throw new ArgumentException($"The object is nested more than {MaxDepth} levels deep (a cycle?).");
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                w.WriteStartObject();
                foreach (var p in ps.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty))
                {
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value, depth + 1);
                }
                w.WriteEndObject();
                return;
            }
            value = ps.BaseObject;
        }
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int or long or short or byte or sbyte or uint or ushort or ulong:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            case double or float or decimal:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            case DateTime dt: w.WriteStringValue(dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
            case IKubernetesObject typed: w.WriteRawValue(KubernetesJson.Serialize(typed)); break;
            case IDictionary d:
                w.WriteStartObject();
                foreach (DictionaryEntry e in d)
                {
                    w.WritePropertyName(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(w, e.Value, depth + 1);
                }
                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item, depth + 1);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
