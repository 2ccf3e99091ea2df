using ScaleLab.Fitting;
using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Driving;

/// <summary>The sweep's law fitted to its finished runs so far, and the compute-optimal plan it predicts at the target.</summary>
/// <param name="Law">The law's registry name.</param>
/// <param name="Runs">Finished runs fitted.</param>
/// <param name="Fit">The fit; null when there are too few runs (see <paramref name="Problem"/>).</param>
/// <param name="Prediction">N*, D* and the loss at <paramref name="TargetCompute"/>; null without a fit, or for a law without both N and D.</param>
/// <param name="TargetCompute">The budget predicted at.</param>
/// <param name="Problem">Why there is no fit, in words.</param>
public sealed record SweepFitResult(string Law, int Runs, FitResult? Fit, Plan? Prediction, double TargetCompute, string? Problem);
