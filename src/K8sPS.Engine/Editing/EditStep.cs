namespace K8sPS.Engine.Editing;

/// <summary>What to do with an edit: <see cref="EditSession.Read"/> and <see cref="EditSession.Check"/> decide.</summary>
public enum EditStep
{
    /// <summary>Nothing to send: kubectl's "Edit cancelled, no changes made." or "... saved file was empty." (not an error).</summary>
    Cancelled,
    /// <summary>The text differs but the object does not (comments, layout, key order): kubectl's "skipped".</summary>
    Unchanged,
    /// <summary>Open the editor again with <see cref="EditResult.Reasons"/> at the top.</summary>
    Reopen,
    /// <summary>Stop with an error (<see cref="EditResult.Error"/>); the user's file is kept.</summary>
    Failed,
    /// <summary>Send <see cref="EditResult.Patch"/>.</summary>
    Apply,
}
