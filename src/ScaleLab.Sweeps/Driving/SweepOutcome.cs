namespace ScaleLab.Sweeps.Driving;

/// <summary>What one execution of a sweep did.</summary>
public sealed record SweepOutcome
{
    /// <summary>Runs the sweep plans.</summary>
    public required int Total { get; init; }

    /// <summary>Runs already finished before this execution.</summary>
    public required int Skipped { get; init; }

    /// <summary>Runs finished in this execution.</summary>
    public required int Finished { get; init; }

    /// <summary>Runs that failed for good in this execution, by run key, with their errors (log tail included).</summary>
    public required IReadOnlyDictionary<string, string> Failed { get; init; }

    /// <summary>Runs left to other drivers, or to a job this executor cannot follow (run key → why).</summary>
    public required IReadOnlyDictionary<string, string> Elsewhere { get; init; }

    /// <summary>True when the execution was cancelled before every run had ended.</summary>
    public required bool Cancelled { get; init; }

    /// <summary>The fit to every finished run at the end.</summary>
    public SweepFitResult? Fit { get; init; }

    /// <summary>Wall-clock seconds of the execution.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Runs not finished: failed, cancelled, left elsewhere or not reached.</summary>
    public int Missing => Total - Skipped - Finished;
}
