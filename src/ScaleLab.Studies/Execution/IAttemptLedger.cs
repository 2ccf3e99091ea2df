namespace ScaleLab.Studies.Execution;

/// <summary>
/// Keeps the books on an executor's attempts: it grants each attempt before it starts (or declines
/// when the run finished elsewhere or another worker holds it), learns the job that runs it and
/// when it runs, and hears how an attempt ended when it is not the run's last (retried, or
/// abandoned). The run's last attempt is reported with the run through the executor's callback.
/// <see cref="CountingLedger"/> counts attempts in memory; a sweep's ledger keeps them in the run
/// store with claims, so that several drivers can share a sweep and a restarted one takes over
/// what its predecessor left running. Calls may come from several threads at once.
/// </summary>
public interface IAttemptLedger
{
    /// <summary>The next attempt at <paramref name="run"/>, or null to leave the run alone.</summary>
    RunAttempt? Begin(PlannedRun run);

    /// <summary>
    /// The executor's id of the attempt's job: a Slurm <c>JOBID_TASKID</c>, a local process. With
    /// <paramref name="started"/> the job runs already (a local process); else it waits in a queue.
    /// </summary>
    void Submitted(RunAttempt attempt, string jobId, bool started);

    /// <summary>The attempt has started running.</summary>
    void Running(RunAttempt attempt);

    /// <summary>The attempt ended without a result and is not the run's last report: it is retried, or its run was abandoned.</summary>
    void Ended(RunAttempt attempt, AttemptFailure failure);
}
