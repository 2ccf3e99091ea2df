using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>Outcome of a likelihood-ratio test of a fit against given parameter values.</summary>
/// <param name="Hypothesis">The parameter values tested (published units).</param>
/// <param name="Statistic">Λ = 2(ℓ̂ − ℓ₀) ≥ 0.</param>
/// <param name="DegreesOfFreedom">Number of free parameters the hypothesis pins.</param>
/// <param name="PValue">P(χ²(df) &gt; Λ).</param>
/// <param name="ObjectiveFit">Summed objective at the fit.</param>
/// <param name="ObjectiveHypothesis">Summed objective under the hypothesis (refitted over the parameters it leaves free).</param>
/// <param name="Likelihood">Which likelihood (<c>huber</c>, <c>gaussian</c>, ...).</param>
public sealed record LikelihoodRatioResult(IReadOnlyDictionary<string, double> Hypothesis, double Statistic, int DegreesOfFreedom,
    double PValue, double ObjectiveFit, double ObjectiveHypothesis, string Likelihood)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"likelihood-ratio test ({Likelihood} likelihood) against {string.Join(", ", Hypothesis.Select(kv => $"{kv.Key}={Quantity.Format(kv.Value)}"))}: " +
        $"statistic {Quantity.Format(Statistic, 5)}, df {DegreesOfFreedom}, p = {Quantity.Format(PValue, 3)}";
}
