using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Intervals from saved bootstrap samples (published parameter values, as a fit document stores
/// them), so that a fit saved with <c>--bootstrap</c> carries its uncertainty into later predictions.
/// </summary>
public static class SampleIntervals
{
    /// <summary>
    /// Percentile confidence interval for the mean metric (the law's prediction) at every point:
    /// the prediction of each sample at the point, then its (1∓level)/2 quantiles.
    /// </summary>
    public static Interval[] MeanPrediction(ScalingLaw law, IReadOnlyList<IReadOnlyList<double>> publishedSamples, ScalingData points, double level)
    {
        var predictions = new double[points.Count][];
        for (int i = 0; i < points.Count; i++) predictions[i] = new double[publishedSamples.Count];
        var thetas = Internal(law, publishedSamples);
        for (int b = 0; b < thetas.Length; b++)
        {
            var y = law.Predict(thetas[b], points);
            for (int i = 0; i < y.Length; i++) predictions[i][b] = y[i];
        }
        return predictions.Select(p => PercentileInterval.Compute(p.Where(double.IsFinite).ToArray(), level)).ToArray();
    }

    /// <summary>
    /// Predictive interval for the metric of one new run at every point: each sample's prediction
    /// times exp(−r) for a log residual r = ln ŷ − ln y of the full-data fit drawn with replacement
    /// (seeded by <paramref name="seed"/>), so both the parameter uncertainty and the run-to-run
    /// scatter are in it; then the (1∓level)/2 quantiles.
    /// </summary>
    public static Interval[] NewRunPrediction(ScalingLaw law, IReadOnlyList<IReadOnlyList<double>> publishedSamples, IReadOnlyList<double> logResiduals,
        ScalingData points, double level, ulong seed)
    {
        if (logResiduals.Count == 0) throw new ArgumentException("no residuals to draw from", nameof(logResiduals));
        var result = new Interval[points.Count];
        var thetas = Internal(law, publishedSamples);
        for (int i = 0; i < points.Count; i++)
        {
            var point = points.Select([i]);
            result[i] = NewRun(b => law.Predict(thetas[b], point)[0], thetas.Length, logResiduals, seed, level);
        }
        return result;
    }

    /// <summary>The samples' parameter vectors in the law's internal coordinates (θ).</summary>
    private static double[][] Internal(ScalingLaw law, IReadOnlyList<IReadOnlyList<double>> publishedSamples)
    {
        var thetas = new double[publishedSamples.Count][];
        for (int b = 0; b < thetas.Length; b++)
        {
            thetas[b] = new double[law.Parameters.Count];
            for (int j = 0; j < thetas[b].Length; j++) thetas[b][j] = law.Parameters[j].ToInternal(publishedSamples[b][j]);
        }
        return thetas;
    }

    /// <summary>The predictive interval from <paramref name="count"/> replicate predictions and the residuals to scatter them by.</summary>
    internal static Interval NewRun(Func<int, double> prediction, int count, IReadOnlyList<double> logResiduals, ulong seed, double level)
    {
        var rng = SeededRandom.ForStream(seed, -2);
        var values = new List<double>(count);
        for (int b = 0; b < count; b++)
        {
            // Residual r = ln ŷ − ln y, so a new observation is ln y = ln ŷ − r.
            double value = prediction(b) * Math.Exp(-logResiduals[rng.NextInt(logResiduals.Count)]);
            if (double.IsFinite(value)) values.Add(value);
        }
        return PercentileInterval.Compute([.. values], level) with { Method = "predictive" };
    }
}
