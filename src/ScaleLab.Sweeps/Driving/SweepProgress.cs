using ScaleLab.Studies;

namespace ScaleLab.Sweeps.Driving;

/// <summary>Progress of a sweep: reported when it starts, when a run ends (with its error if it failed), and after each refit (with the fit).</summary>
/// <param name="Finished">Runs of the sweep finished so far, earlier ones included.</param>
/// <param name="Failed">Runs that failed for good in this execution.</param>
/// <param name="Total">Runs the sweep plans.</param>
/// <param name="Last">The run that just ended; null in other reports.</param>
/// <param name="Error">Why <paramref name="Last"/> failed; null when it finished.</param>
/// <param name="Fit">The refit just made; null in other reports.</param>
public sealed record SweepProgress(int Finished, int Failed, int Total, PlannedRun? Last, string? Error, SweepFitResult? Fit)
{
    /// <summary>The fitted metric of <see cref="Last"/>, when it finished.</summary>
    public double? Value { get; init; }
}
