using ScaleLab.Studies.Execution;
using ScaleLab.Studies.Execution.Slurm;

namespace ScaleLab.Sweeps.Definition;

/// <summary>
/// A sweep file, read and checked (docs/sweeps.md has the format): the grid of runs and the extra
/// axes that multiply it, the command template each run executes, how its result comes back, its
/// limits and retries, what a Slurm cluster needs, and the law refitted as results arrive.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>The sweep's name in the run store.</summary>
    public required string Name { get; init; }

    /// <summary>What the sweep measures, for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>The seed run seeds derive from when the sweep has no <c>seed</c> axis.</summary>
    public long Seed { get; init; }

    /// <summary>The grid of (N, D) points.</summary>
    public required SweepGrid Grid { get; init; }

    /// <summary>Extra named axes, in file order: every grid point runs once per combination of their values.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; init; } = [];

    /// <summary>The command each run executes.</summary>
    public required CommandTemplate Command { get; init; }

    /// <summary>The working directory template; null = the folder of the sweep file.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables set for the command (values are templates too).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the result comes back: the file at <c>{out}</c>, the last JSON line, or either.</summary>
    public ResultSource Result { get; init; } = ResultSource.FileOrOutput;

    /// <summary>The metric fitted (a key of the result's metrics).</summary>
    public string Metric { get; init; } = "loss";

    /// <summary>Longest an attempt may run; null = no limit (on Slurm, the job's time limit applies).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Local processes at once; null = one per core.</summary>
    public int? Workers { get; init; }

    /// <summary>Which failures are retried, how often, after what wait.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Whether a preempted (or timed-out) Slurm task is resubmitted, to resume from its checkpoint directory.</summary>
    public bool RetryPreemption { get; init; } = true;

    /// <summary>What each Slurm job asks for.</summary>
    public SlurmOptions Slurm { get; init; } = new();

    /// <summary>The law refitted as results arrive (a registry name).</summary>
    public string Law { get; init; } = "chinchilla";

    /// <summary>The compute budget the refit predicts at; null = 100 times the largest budget of the grid.</summary>
    public double? TargetCompute { get; init; }

    /// <summary>The file the definition was read from, for messages and relative paths.</summary>
    public string File { get; init; } = "";

    /// <summary>The text of the file, stored with the sweep.</summary>
    public string Text { get; init; } = "";
}
