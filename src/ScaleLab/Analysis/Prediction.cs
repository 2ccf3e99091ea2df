using ScaleLab.Data;
using ScaleLab.Uncertainty;

namespace ScaleLab.Analysis;

/// <summary>A fitted law's prediction at one point, with its intervals when the fit was bootstrapped.</summary>
public sealed record Prediction
{
    /// <summary>The point (variables the law does not read hold placeholders; the metric is NaN unless measured).</summary>
    public required Observation Point { get; init; }

    /// <summary>The law's prediction of the metric.</summary>
    public required double Value { get; init; }

    /// <summary>Confidence interval for the mean metric (method <c>bootstrap-mean</c>), when the fit has bootstrap samples.</summary>
    public Interval? Mean { get; init; }

    /// <summary>
    /// Predictive interval for the metric of one new run (method <c>bootstrap-predictive</c>): parameter uncertainty and
    /// the fit's run-to-run scatter, when the fit has bootstrap samples and residuals.
    /// </summary>
    public Interval? NewRun { get; init; }

    /// <summary>The measured metric, when the point came with one.</summary>
    public double? Actual => double.IsNaN(Point.Metric) ? null : Point.Metric;
}
