namespace ScaleLab.Design;

/// <summary>One run to train, in the order the runs should be trained.</summary>
public sealed record DesignSuggestion
{
    /// <summary>The candidate.</summary>
    public required DesignCandidate Candidate { get; init; }

    /// <summary>Fill or score.</summary>
    public required SuggestionReason Reason { get; init; }

    /// <summary>
    /// The expected reduction of the target's mean squared log error from this run, given the runs suggested
    /// before it (NaN when there is no fit to score with).
    /// </summary>
    public required double ExpectedGain { get; init; }

    /// <summary>The expected relative narrowing of the target interval from this run: 1 − sd after / sd before (NaN without a fit).</summary>
    public required double IntervalShrinkage { get; init; }

    /// <summary>Indices of the basins (<see cref="DesignResult.Basins"/>) whose predictions of this run's outcome differ by more than two standard deviations.</summary>
    public required IReadOnlyList<int> Separates { get; init; }
}
