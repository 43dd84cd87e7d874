using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Labels;

/// <summary>
/// What a label edit does to one object: the merge patch to send (null when nothing changes: kubectl's "not
/// labeled"), the labels afterwards, and the keys asked to be removed that the object does not have (kubectl's
/// <c>label "x" not found.</c>, a notice rather than an error).
/// </summary>
public sealed record LabelEditResult(PatchRequest? Patch, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> MissingKeys)
{
    public bool Changed => Patch is not null;
}
