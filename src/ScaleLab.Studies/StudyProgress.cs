namespace ScaleLab.Studies;

/// <summary>Progress of a study, reported once at the start and after every run that ends.</summary>
/// <param name="Done">Runs accounted for: skipped (finished earlier) plus ended now.</param>
/// <param name="Total">Runs in the plan.</param>
/// <param name="Skipped">Runs already finished in the store.</param>
/// <param name="Failed">Runs that failed in this execution.</param>
/// <param name="Last">The run that just ended (null in the first report).</param>
/// <param name="LastSeconds">Wall seconds of <paramref name="Last"/>.</param>
public readonly record struct StudyProgress(int Done, int Total, int Skipped, int Failed, PlannedRun? Last, double LastSeconds);
