namespace ScaleLab.Serialization;

/// <summary>A likelihood-ratio test of the fit against given parameter values, in a <see cref="FitDocument"/>.</summary>
/// <param name="Hypothesis">The values tested (published units).</param>
/// <param name="Statistic">2(ℓ̂ − ℓ₀).</param>
/// <param name="Df">Degrees of freedom: free parameters the hypothesis pins.</param>
/// <param name="PValue">P(χ²(df) &gt; statistic).</param>
/// <param name="ObjectiveFit">Summed objective at the fit.</param>
/// <param name="ObjectiveHypothesis">Summed objective under the hypothesis.</param>
/// <param name="Likelihood"><c>huber</c>, <c>gaussian</c> or <c>asymmetric-laplace</c>.</param>
public sealed record LikelihoodRatioEntry(IReadOnlyDictionary<string, double> Hypothesis, double Statistic, int Df, double PValue,
    double ObjectiveFit, double ObjectiveHypothesis, string Likelihood);
