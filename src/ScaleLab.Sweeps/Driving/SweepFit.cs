using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Store;

namespace ScaleLab.Sweeps.Driving;

/// <summary>Fits a sweep's law to the finished runs in the store and plans at its target: what a driver refits as results arrive and what status shows.</summary>
public static class SweepFit
{
    /// <summary>
    /// Fits <paramref name="lawName"/> to the finished runs among <paramref name="runs"/> that measured
    /// <paramref name="metric"/>, once there are more runs than the law has parameters, and predicts the
    /// compute-optimal allocation at <paramref name="targetCompute"/>.
    /// </summary>
    public static SweepFitResult Fit(IReadOnlyList<RunRecord> runs, string lawName, string metric, double targetCompute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var law = LawRegistry.Get(lawName);
        var data = RunObservations.From(runs, "sweep", metric);
        int needed = law.Parameters.Count + 1;
        if (data.Count < needed)
        {
            return new SweepFitResult(law.Name, data.Count, null, null, targetCompute,
                $"{law.Name} has {law.Parameters.Count} parameters: it is fitted from {needed} finished runs with '{metric}' on ({data.Count} so far)");
        }
        var result = Fitter.Fit(law, ScalingData.From(data), cancellationToken: cancellationToken);
        Plan? plan = null;
        if (result.Status != FitStatus.Failed && law.Variables.Contains(ScaleVariable.Parameters) && law.Variables.Contains(ScaleVariable.Tokens))
        {
            try
            {
                var planning = new PlanningLaw(law, result.Parameters) { MaxFittedCompute = data.Observations.Max(o => o.Compute.Value) };
                plan = ComputeOptimalPlanner.ForCompute(planning, targetCompute, cancellationToken: cancellationToken);
            }
            catch (ArgumentException)
            {
                // Parameters outside the law's domain (a failed fit's): no prediction rather than a wrong one.
            }
        }
        return new SweepFitResult(law.Name, data.Count, result, plan, targetCompute, result.Status == FitStatus.Failed ? "the fit failed" : null);
    }
}
