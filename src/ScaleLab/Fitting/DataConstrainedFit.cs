using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;
using ScaleLab.Diagnostics;

namespace ScaleLab.Fitting;

/// <summary>
/// Muennighoff et al. 2023's two-stage procedure for the <see cref="DataConstrainedLaw"/>: the base
/// (E, A, B, alpha, beta) is frozen at values fitted on single-epoch runs, and only the decay
/// constants R_N*, R_D* are fitted on runs with repetition. Because R_D* is often weakly identified,
/// each decay constant's objective profile is checked over a 16-fold range around its estimate and a
/// <c>weakly-identified</c> warning is attached when it is flat.
/// </summary>
public static class DataConstrainedFit
{
    /// <summary>Fits R_N*, R_D* with the base frozen at <paramref name="baseParameters"/> (E, A, B, alpha, beta).</summary>
    public static FitResult FitDecayConstants(ScalingData data, IReadOnlyDictionary<string, double> baseParameters, FitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var law = DataConstrainedLaw.Instance;
        var fixedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in new[] { "E", "A", "B", "alpha", "beta" })
        {
            int j = law.IndexOf(name);
            var hit = baseParameters.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase));
            if (hit.Key is null) throw new ArgumentException($"the frozen base needs '{name}'");
            fixedValues[law.Parameters[j].Name] = hit.Value;
        }
        options = (options ?? new FitOptions()) with { Fixed = fixedValues };
        return CheckDecayConstants(Fitter.Fit(law, data, options, cancellationToken: cancellationToken), data, cancellationToken);
    }

    /// <summary>
    /// Adds a <c>weakly-identified</c> warning for each free decay constant of a data-constrained fit
    /// whose objective profile is flat over a 16-fold range around its estimate (other fits are returned as they are).
    /// </summary>
    public static FitResult CheckDecayConstants(FitResult fit, ScalingData data, CancellationToken cancellationToken = default)
    {
        var warnings = DecayConstantWarnings(fit, data, cancellationToken);
        return warnings.Count == 0 ? fit : fit with { Diagnostics = [.. fit.Diagnostics, .. warnings] };
    }

    /// <summary>
    /// The <c>weakly-identified</c> warnings of <see cref="CheckDecayConstants"/>: one for each free decay constant whose
    /// objective profile is flat over a 16-fold range around its estimate (none for other laws and failed fits).
    /// </summary>
    public static IReadOnlyList<Diagnostic> DecayConstantWarnings(FitResult fit, ScalingData data, CancellationToken cancellationToken = default)
    {
        var warnings = new List<Diagnostic>();
        if (fit.Law is not DataConstrainedLaw || fit.Status == FitStatus.Failed) return warnings;
        foreach (var name in new[] { "R_N_star", "R_D_star" })
        {
            if (!fit.FreeParameters.Contains(name)) continue;
            double v = fit.Parameters[name];
            var warning = ProfileLikelihood.CheckIdentified(fit, data, name, v / 4, v * 4, cancellationToken: cancellationToken);
            if (warning is not null) warnings.Add(warning);
        }
        return warnings;
    }
}
