using K8sPS.Engine.Versions;
namespace K8sPS.Engine.Secrets;

/// <summary>
/// One key of a Secret change, shown as kubectl diff (1.32) shows it: its masker puts "***" for a value that is the
/// same on both sides or present on one side only, and "*** (before)" / "*** (after)" for one that changed. A null
/// side means the key is not there.
/// </summary>
public sealed record SecretKeyChange(string Key, string? Before, string? After)
{
    public bool Added => Before is null;

    public bool Removed => After is null;

    public bool Changed => Before == SecretDiff.MaskBefore;

    public override string ToString() => Added ? $"{Key}: {After} (added)" : Removed ? $"{Key}: {Before} (removed)" : $"{Key}: {Before} -> {After}";
}
