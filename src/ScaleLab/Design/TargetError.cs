using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// How well a fit to the runs a design chose predicts the target region: R² of the predicted metric against
/// the reference values there (1 − Σ(ŷ − y)²/Σ(y − ȳ)²) and the root mean squared log error
/// (Caballero et al. 2023). Every design is scored with the same fit: the law's objective from an evenly
/// strided subset of its default starts.
/// </summary>
public static class TargetError
{
    /// <summary>Starts of the scoring fit.</summary>
    public const int ScoringStarts = 64;

    /// <summary>
    /// Fits <paramref name="law"/> to <paramref name="runs"/> and scores its predictions at <paramref name="target"/>
    /// against <paramref name="reference"/>. A fit that fails (or has no runs) predicts the runs' geometric mean loss
    /// everywhere (the mean of the target values when there are no runs), so a failure scores badly rather than not at all.
    /// </summary>
    public static (double RSquared, double Rmsle) Score(ScalingLaw law, IReadOnlyList<Observation> runs, IReadOnlyList<Observation> target,
        IReadOnlyList<double> reference, FitObjective objective, CancellationToken cancellationToken = default)
    {
        var predictions = new double[target.Count];
        bool fitted = false;
        if (runs.Count > 0)
        {
            var data = ScalingData.From(runs);
            var starts = BasinSearch.GridSubset(law.DefaultStarts(data), ScoringStarts, 0.5);
            var fit = Fitter.Fit(law, data, new FitOptions { Objective = objective, Starts = starts, Parallelism = 1, MaxIterations = 1000 }, null, cancellationToken);
            if (fit.Status != FitStatus.Failed)
            {
                var p = law.Predict(fit.Theta, ScalingData.From(target));
                fitted = p.All(v => double.IsFinite(v) && v > 0);
                if (fitted) p.CopyTo(predictions, 0);
            }
        }
        if (!fitted)
        {
            double fallback = runs.Count > 0 ? Math.Exp(runs.Average(r => Math.Log(r.Metric))) : reference.Average();
            Array.Fill(predictions, fallback);
        }
        double mean = reference.Average(), residual = 0, total = 0, log = 0;
        for (int t = 0; t < target.Count; t++)
        {
            residual += (predictions[t] - reference[t]) * (predictions[t] - reference[t]);
            total += (reference[t] - mean) * (reference[t] - mean);
            double d = Math.Log(predictions[t]) - Math.Log(reference[t]);
            log += d * d;
        }
        return (total > 0 ? 1 - residual / total : double.NaN, Math.Sqrt(log / target.Count));
    }
}
