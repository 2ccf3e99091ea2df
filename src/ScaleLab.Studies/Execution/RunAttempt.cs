namespace ScaleLab.Studies.Execution;

/// <summary>One attempt at a run, as an <see cref="IAttemptLedger"/> granted it to an executor.</summary>
/// <param name="Run">The run.</param>
/// <param name="Number">The attempt's number, 1 for a run's first (the <c>{attempt}</c> of a command).</param>
public sealed record RunAttempt(PlannedRun Run, int Number)
{
    /// <summary>Failed or preempted attempts before this one that count against the retry limit.</summary>
    public int EarlierFailures { get; init; }

    /// <summary>
    /// The job of an attempt that an earlier driver started and this one takes over (a Slurm
    /// <c>JOBID_TASKID</c>, or a placeholder recorded just before a submission); null for a new attempt.
    /// </summary>
    public string? JobId { get; init; }

    /// <summary>True when the attempt was started by an earlier driver and is taken over, not started anew.</summary>
    public bool Adopted => JobId is not null;
}
