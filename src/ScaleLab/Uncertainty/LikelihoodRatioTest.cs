using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Likelihood-ratio test of a fit against given parameter values, as Besiroglu et al. 2024 tested
/// their refit against Hoffmann et al.'s published parameters: Λ = 2(ℓ(θ̂) − ℓ(θ₀)) with the
/// likelihood of <see cref="ResidualLikelihood"/> (scale re-estimated under each), compared with
/// χ²(k), k = number of free parameters the hypothesis pins. Parameters the hypothesis leaves out
/// are refitted with the pinned ones fixed.
/// </summary>
public static class LikelihoodRatioTest
{
    /// <summary>Tests <paramref name="fit"/> (of <paramref name="law"/> to <paramref name="data"/>) against <paramref name="hypothesis"/> (published units).</summary>
    public static LikelihoodRatioResult Test(ScalingLaw law, ScalingData data, FitResult fit, IReadOnlyDictionary<string, double> hypothesis,
        CancellationToken cancellationToken = default)
    {
        if (hypothesis.Count == 0) throw new ArgumentException("the hypothesis names no parameter");
        var objective = fit.Options.Objective;
        var pinned = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in hypothesis)
        {
            int j = law.IndexOf(name);
            if (j < 0) throw new ArgumentException($"law '{law.Name}' has no parameter '{name}' (has: {string.Join(", ", law.Parameters.Select(p => p.Name))})");
            pinned[law.Parameters[j].Name] = value;
        }
        int df = pinned.Keys.Count(fit.FreeParameters.Contains);
        if (df == 0) throw new ArgumentException("every parameter named in the hypothesis is already fixed in the fit");
        var theta0 = (double[])fit.Theta.Clone();
        foreach (var (name, value) in pinned)
        {
            int j = law.IndexOf(name);
            theta0[j] = law.Parameters[j].ToInternal(value);
        }
        double j0;
        if (fit.FreeParameters.All(pinned.ContainsKey))
        {
            j0 = Fitter.Objective(law, data, theta0, objective);
        }
        else
        {
            var fixedValues = new Dictionary<string, double>(fit.Options.Fixed, StringComparer.Ordinal);
            foreach (var (k, v) in pinned) fixedValues[k] = v;
            var rng = SeededRandom.ForStream(0x5EED, 0);
            var starts = new List<double[]> { theta0 };
            for (int s = 0; s < 8; s++) starts.Add(theta0.Select(v => v + rng.NextGaussian() * (0.1 * Math.Abs(v) + 0.05)).ToArray());
            var restricted = Fitter.Fit(law, data, fit.Options with { Fixed = fixedValues, Starts = starts, MaxStarts = null }, null, cancellationToken);
            j0 = restricted.Objective;
        }
        int n = data.Count;
        double statistic = Math.Max(0, 2 * (ResidualLikelihood.MaxLogLikelihood(objective, fit.Objective, n)
                                            - ResidualLikelihood.MaxLogLikelihood(objective, j0, n)));
        return new LikelihoodRatioResult(pinned, statistic, df, StatisticalFunctions.ChiSquareSurvival(statistic, df), fit.Objective, j0,
            ResidualLikelihood.Name(objective));
    }
}
