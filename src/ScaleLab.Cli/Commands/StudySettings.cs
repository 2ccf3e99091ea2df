using ScaleLab.Store.Postgres;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>How a study command runs its study: where runs are stored, how they are executed, how they are fitted and reported.</summary>
internal sealed record StudySettings
{
    /// <summary>The run store (SQLite file).</summary>
    public required string StorePath { get; init; }

    /// <summary>Runs trained at once; null = one per core.</summary>
    public int? Workers { get; init; }

    /// <summary>Bootstrap resamples for the regime intervals.</summary>
    public int Resamples { get; init; } = RegimeAnalysis.DefaultResamples;

    /// <summary>Print the scalelab.study/1 document instead of text.</summary>
    public bool Json { get; init; }

    /// <summary>The HTML report to write; null for none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The training companion named on the command line (<c>--trainer</c>), or null to look for it.</summary>
    public string? Trainer { get; init; }

    /// <summary>Longest one training process may run; null = no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Retries of a run whose process crashed or timed out.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>
    /// Folder of the per-run folders (spec, log, result): <c>NAME.runs/STUDY</c> beside the store <c>NAME.db</c>,
    /// or <c>scalelab.runs/STUDY</c> in the working directory for a PostgreSQL store.
    /// </summary>
    public string RunsDirectory(string study) => StoreLocation.IsConnectionString(StorePath)
        ? Path.Combine(Path.GetFullPath("scalelab.runs"), study)
        : Path.Combine(Path.ChangeExtension(Path.GetFullPath(StorePath), null) + ".runs", study);
}
