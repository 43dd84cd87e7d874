using System.Text;
using k8s.Models;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.Secrets;

/// <summary>
/// What changes between two versions of a Secret, without a value: the keys compared byte for byte and shown with
/// kubectl diff's masks, so -WhatIf and any diff tell which keys change and never what they hold.
/// </summary>
public static class SecretDiff
{
    public const string Mask = "***";
    public const string MaskBefore = "*** (before)";
    public const string MaskAfter = "*** (after)";

    /// <summary>Every key of either side in key order; <paramref name="before"/> null for a secret that does not exist yet.</summary>
    public static IReadOnlyList<SecretKeyChange> Compare(V1Secret? before, V1Secret after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = Values(before);
        var now = Values(after);
        var changes = new List<SecretKeyChange>();
        foreach (var key in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var inOld = old.TryGetValue(key, out var a);
            var inNew = now.TryGetValue(key, out var b);
            if (inOld && inNew)
                changes.Add(a.AsSpan().SequenceEqual(b) ? new(key, Mask, Mask) : new(key, MaskBefore, MaskAfter));
            else
                changes.Add(new(key, inOld ? Mask : null, inNew ? Mask : null));
        }
        return changes;
    }

    /// <summary>One line for -WhatIf: which keys are added, changed, removed or kept, and a type change.</summary>
    public static string Describe(V1Secret? before, V1Secret after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = Compare(before, after);
        var parts = new List<string>();
        void Part(string label, IEnumerable<SecretKeyChange> which)
        {
            var keys = which.Select(c => c.Key).ToList();
            if (keys.Count > 0) parts.Add($"{label} {string.Join(", ", keys)}");
        }
        Part("add", changes.Where(c => c.Added));
        Part("change", changes.Where(c => c.Changed));
        Part("remove", changes.Where(c => c.Removed));
        Part("keep", changes.Where(c => !c.Added && !c.Removed && !c.Changed));
        var text = parts.Count == 0 ? "no keys" : string.Join("; ", parts);
        var oldType = TypeOf(before);
        var newType = TypeOf(after);
        if (before is not null && oldType != newType) text += $"; type {oldType} -> {newType} (the server refuses a type change)";
        return text + $" (values {Mask}, as kubectl diff masks them)";
    }

    private static string TypeOf(V1Secret? s) => string.IsNullOrEmpty(s?.Type) ? Generators.SecretGenerator.OpaqueType : s.Type;

    // stringData wins over data on the server, so a local object's stringData is what the key will hold.
    private static Dictionary<string, byte[]> Values(V1Secret? secret)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (secret?.Data is { } data)
            foreach (var (key, value) in data) values[key] = value ?? [];
        if (secret?.StringData is { } stringData)
            foreach (var (key, value) in stringData) values[key] = Encoding.UTF8.GetBytes(value ?? "");
        return values;
    }
}
