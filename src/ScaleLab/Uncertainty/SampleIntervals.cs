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
        var theta = new double[law.Parameters.Count];
        for (int b = 0; b < publishedSamples.Count; b++)
        {
            for (int j = 0; j < theta.Length; j++) theta[j] = law.Parameters[j].ToInternal(publishedSamples[b][j]);
            var y = law.Predict(theta, points);
            for (int i = 0; i < y.Length; i++) predictions[i][b] = y[i];
        }
        return predictions.Select(p => PercentileInterval.Compute(p.Where(double.IsFinite).ToArray(), level)).ToArray();
    }
}
