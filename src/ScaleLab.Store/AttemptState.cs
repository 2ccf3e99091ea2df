namespace ScaleLab.Store;

/// <summary>Where one attempt at a run stands. The last four are final: an attempt in one of them never changes again.</summary>
public enum AttemptState
{
    /// <summary>A worker holds the run's claim and has not started it yet.</summary>
    Claimed,

    /// <summary>Submitted to a scheduler (e.g. a Slurm array task) and waiting to start.</summary>
    Pending,

    /// <summary>Training.</summary>
    Running,

    /// <summary>Ended with a result, which is stored with the run.</summary>
    Finished,

    /// <summary>Ended without a result (a non-zero exit, a trainer error, a lost lease).</summary>
    Failed,

    /// <summary>Stopped by the scheduler (preemption, time limit) and worth resuming from its checkpoint.</summary>
    Preempted,

    /// <summary>Stopped on request (Ctrl-C, <c>sweep cancel</c>).</summary>
    Cancelled,
}
