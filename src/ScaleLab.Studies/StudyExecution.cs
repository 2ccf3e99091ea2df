using ScaleLab.Store;

namespace ScaleLab.Studies;

/// <summary>What one execution of a study did.</summary>
public sealed record StudyExecution
{
    /// <summary>The plan executed.</summary>
    public required StudyPlan Plan { get; init; }

    /// <summary>Runs that ended in this execution (finished or failed), in the order they ended.</summary>
    public required IReadOnlyList<RunRecord> Executed { get; init; }

    /// <summary>Runs skipped because the store already held them finished.</summary>
    public required int Skipped { get; init; }

    /// <summary>True when the execution was cancelled before every run had ended.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>Wall-clock seconds of the whole execution.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Runs of the plan that have not finished (cancelled, failed or not started).</summary>
    public int Missing => Plan.Runs.Count - Skipped - Executed.Count(r => r.Status == RunStatus.Finished);
}
