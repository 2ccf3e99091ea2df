using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>One predicted point in a <see cref="PredictionDocument"/>.</summary>
public sealed record PredictionEntry
{
    /// <summary>Parameters N (null when the law does not read it).</summary>
    public double? Parameters { get; init; }

    /// <summary>Tokens D (null when the law does not read it).</summary>
    public double? Tokens { get; init; }

    /// <summary>Compute C (null when the law reads neither C nor both N and D).</summary>
    public double? Compute { get; init; }

    /// <summary>Unique tokens U_D, when given.</summary>
    public double? UniqueTokens { get; init; }

    /// <summary>Values of the law's named variables (V, E, …) at the point, by symbol, when it reads any.</summary>
    public IReadOnlyDictionary<string, double>? Variables { get; init; }

    /// <summary>The law's prediction of the metric.</summary>
    public double Prediction { get; init; }

    /// <summary>The measured metric, when the points file had one.</summary>
    public double? Actual { get; init; }

    /// <summary>Confidence interval for the mean metric from the fit's bootstrap samples, when the fit has them.</summary>
    public Interval? Interval { get; init; }

    /// <summary>
    /// Predictive interval for the metric of one new run at the point (parameter uncertainty and the
    /// fit's residual scatter), when the fit has bootstrap samples and residuals.
    /// </summary>
    public Interval? Predictive { get; init; }
}
