namespace ScaleLab.Store;

/// <summary>What <see cref="RunStore.Save"/> did with a run.</summary>
public enum RunWrite
{
    /// <summary>The run was written (new, or replacing a failed run of the same key).</summary>
    Stored,

    /// <summary>
    /// The store already held the run finished, and a finished run is written once: the earlier
    /// result stays and nothing was written (another worker trained the same run).
    /// </summary>
    AlreadyFinished,
}
