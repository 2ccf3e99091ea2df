namespace ScaleLab.Studies.Execution;

/// <summary>How a <see cref="ProcessExecutor"/> runs its processes.</summary>
public sealed record ProcessExecutorOptions
{
    /// <summary>Folder holding one sub-folder per run (named by the first 12 hex digits of its key) with its log and result.</summary>
    public required string RunsDirectory { get; init; }

    /// <summary>Processes run at once (default one per core).</summary>
    public int Workers
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Workers), value, "workers must be at least 1");
    } = Environment.ProcessorCount;

    /// <summary>Longest an attempt may run before its whole process tree is killed; null = no limit.</summary>
    public TimeSpan? Timeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "the timeout must be positive");
    }

    /// <summary>Which failures are retried, how often, after what wait.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Lines of a failed run's log quoted in its error.</summary>
    public int ErrorTailLines { get; init; } = 5;

    /// <summary>
    /// How long to wait, after a process ended as if interrupted (SIGINT, SIGTERM, Ctrl-C), for the
    /// cancellation that usually follows: Ctrl-C reaches the children of a terminal's foreground
    /// process before this process has cancelled, and such a run is abandoned, not failed.
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where each attempt's result is read from.</summary>
    public ResultSource Result { get; init; } = ResultSource.FileOrOutput;

    /// <summary>The planned N and D of a run, standing for what its result does not report; null requires every result to report N.</summary>
    public Func<PlannedRun, ResultDefaults?>? Defaults { get; init; }

    /// <summary>Grants each attempt and keeps its books; null = a new <see cref="CountingLedger"/> for each execution (every attempt granted, nothing kept).</summary>
    public IAttemptLedger? Ledger { get; init; }
}
