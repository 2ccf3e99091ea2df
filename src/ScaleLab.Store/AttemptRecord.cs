namespace ScaleLab.Store;

/// <summary>
/// One attempt at a run: every claim of a run starts a new attempt, numbered from 1 per run, so a
/// run retried twice has attempts 1, 2 and 3 and the log tail of each failure.
/// </summary>
public sealed record AttemptRecord
{
    /// <summary>The study or sweep of the run.</summary>
    public required string Study { get; init; }

    /// <summary>The run key.</summary>
    public required string Key { get; init; }

    /// <summary>1 for the first attempt, counting up.</summary>
    public required int Attempt { get; init; }

    /// <summary>The worker that claimed the run for this attempt (or last adopted it).</summary>
    public required string Worker { get; init; }

    /// <summary>The executor's id of the job, e.g. a Slurm <c>JOBID_TASKID</c>; null until submitted.</summary>
    public string? JobId { get; init; }

    /// <summary>Where the attempt stands.</summary>
    public required AttemptState State { get; init; }

    /// <summary>The process's exit code, once known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines of the attempt's log, kept for failures.</summary>
    public string? LogTail { get; init; }

    /// <summary>Why the attempt ended as it did, in words (e.g. <c>lease expired</c>, <c>timed out after 2 h</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>When the run was claimed for this attempt (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When the attempt last changed (UTC).</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>When the attempt reached a final state (UTC); null while it runs.</summary>
    public DateTimeOffset? Ended { get; init; }
}
