namespace ScaleLab.Sweeps.Driving;

/// <summary>Where one run of a sweep stands, as the store records it.</summary>
public enum SweepRunState
{
    /// <summary>Its result is stored.</summary>
    Finished,

    /// <summary>An attempt runs (a local process, a Slurm task on a node).</summary>
    Running,

    /// <summary>An attempt waits in the scheduler's queue.</summary>
    Queued,

    /// <summary>A driver claimed it and is starting an attempt.</summary>
    Starting,

    /// <summary>An attempt is open but its driver stopped renewing its claim: the next driver takes it over.</summary>
    Orphaned,

    /// <summary>Its last attempt failed or was preempted and the retry budget is not spent: a driver tries again.</summary>
    Retrying,

    /// <summary>It failed for good (its retry budget is spent, or the failure was not retryable); the next <c>sweep run</c> tries again.</summary>
    Failed,

    /// <summary>Its last attempt was cancelled.</summary>
    Cancelled,

    /// <summary>No attempt yet.</summary>
    NotStarted,
}
