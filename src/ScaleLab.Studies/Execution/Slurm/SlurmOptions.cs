namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>
/// What a cluster needs to know about each run's job: partition, time limit, resources, account,
/// the warning signal before the limit, how many array tasks run at once, and any further
/// <c>sbatch</c> options or shell lines a site requires. Unset values are left to the cluster's defaults.
/// </summary>
public sealed record SlurmOptions
{
    /// <summary>The default warning: SIGUSR2 to the batch shell (which is the command, exec'd) 90 s before the time limit.</summary>
    public const string DefaultSignal = "B:USR2@90";

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--time</c>: each task's time limit; null = the partition's.</summary>
    public TimeSpan? Time { get; init; }

    /// <summary><c>--gpus</c> per run (each run is one task); 0 asks for none.</summary>
    public int GpusPerRun { get; init; }

    /// <summary><c>--cpus-per-task</c>; null = the cluster's default.</summary>
    public int? CpusPerRun { get; init; }

    /// <summary><c>--mem</c>, e.g. <c>32G</c>.</summary>
    public string? Memory { get; init; }

    /// <summary><c>--account</c>.</summary>
    public string? Account { get; init; }

    /// <summary><c>--qos</c>.</summary>
    public string? Qos { get; init; }

    /// <summary>
    /// <c>--signal</c>: the warning before the time limit, for checkpointing. The <c>B:</c> prefix sends it
    /// to the batch shell, which is the command itself (the job script execs it); without it Slurm signals
    /// only job steps started by srun. Null sends none.
    /// </summary>
    public string? Signal { get; init; } = DefaultSignal;

    /// <summary>Array tasks of one submission running at once (<c>--array=0-N%P</c>); null = as many as the cluster allows.</summary>
    public int? Parallel { get; init; }

    /// <summary>Further <c>sbatch</c> options, one per item (e.g. <c>--constraint=a100</c>).</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>Shell lines the job script runs before the command (e.g. <c>module load cuda</c>).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>How often the queue is read (one <c>squeue</c> call for every task in flight).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);
}
