namespace K8sPS.Engine.Waits;

/// <summary>What <see cref="ObjectWatch"/> reports: a change to one object, or that the first list was delivered.</summary>
public enum WatchEventKind
{
    /// <summary>The object is new to the watcher (from the list, or created since).</summary>
    Added,
    /// <summary>The object changed.</summary>
    Modified,
    /// <summary>The object is gone; <see cref="WatchEvent.Object"/> is its last known state.</summary>
    Deleted,
    /// <summary>
    /// Everything the list found has been reported (no object). Comes once, after the first list, so a caller
    /// can tell "not there" from "not seen yet".
    /// </summary>
    Synced,
}
