namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>How a <see cref="SlurmExecutor"/> submits and follows its runs.</summary>
public sealed record SlurmExecutorOptions
{
    /// <summary>Folder holding one sub-folder per run (log, result, checkpoint) and the job scripts; on a filesystem the compute nodes share.</summary>
    public required string RunsDirectory { get; init; }

    /// <summary>The name every job of these runs carries, so that a restarted driver finds them in the queue.</summary>
    public required string JobName { get; init; }

    /// <summary>What each job asks of the cluster.</summary>
    public SlurmOptions Slurm { get; init; } = new();

    /// <summary>Longest a run may take when <see cref="SlurmOptions.Time"/> is not given: it becomes the time limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Which failures are resubmitted, how often, after what wait.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Resubmit a task that was preempted or ran past its time limit (it resumes from its checkpoint folder).</summary>
    public bool RetryPreemption { get; init; } = true;

    /// <summary>Where each attempt's result is read from.</summary>
    public ResultSource Result { get; init; } = ResultSource.FileOrOutput;

    /// <summary>The planned N and D of a run, standing for what its result does not report.</summary>
    public Func<PlannedRun, ResultDefaults?>? Defaults { get; init; }

    /// <summary>Grants each attempt and keeps its books; null = a new <see cref="CountingLedger"/> for each execution.</summary>
    public IAttemptLedger? Ledger { get; init; }

    /// <summary>Lines of a failed run's log quoted in its error.</summary>
    public int ErrorTailLines { get; init; } = 5;

    /// <summary>Runs per array at most; null = the cluster's <c>MaxArraySize</c> less one.</summary>
    public int? MaxArrayTasks { get; init; }
}
