namespace K8sPS.Infrastructure;

/// <summary>
/// The one warning written under -ErrorAction Stop just before the error that ends the command: nothing more is
/// sent, and the items after the failed one that were sent already (their output is not written) are named with
/// what became of each.
/// </summary>
internal static class StopWarning
{
    /// <param name="failed">The item whose failure ends the command.</param>
    /// <param name="noun">What the items are: item, document, object.</param>
    /// <param name="sentAfter">Each item sent after it, described with its outcome ("configmap/a (deleted)").</param>
    public static string Text(string failed, string noun, IReadOnlyCollection<string> sentAfter) => sentAfter.Count == 0
        ? $"Stopped at the first failure ({failed}): nothing after it was sent."
        : $"Stopped at the first failure ({failed}): nothing more was sent, but {sentAfter.Count} {noun}(s) after it had been sent already and are not reported: {string.Join(", ", sentAfter)}.";
}
