using ScaleLab.Data;

namespace ScaleLab.Studies;

/// <summary>
/// The expected bias of a regime's measured exponent at the sizes a study can afford: theory gives
/// the exponent of the leading term as sizes grow without bound, and the next terms push a slope
/// measured over a finite range one way (docs/studies.md, "Finite-size effects").
/// </summary>
/// <param name="Direction">Which way the measured exponent is expected to move from the theory's.</param>
/// <param name="Reason">Why, in one clause, with the symbols of the regime's name.</param>
/// <param name="Expected">The exponent expected over the sweep's own sizes when a finite-size form is known
/// (the regime's fit applied to that noise-free curve), else null.</param>
public sealed record FiniteSizeEffect(ExponentBias Direction, string Reason, double? Expected = null)
{
    /// <summary>
    /// The effect of a known finite-size form: <paramref name="curve"/> is what the metric follows
    /// at finite sizes (e.g. 1/(D − P − 1) where theory's leading term is 1/D). The expected exponent
    /// is the one the regime's own fit measures on that noise-free curve at <paramref name="sizes"/>,
    /// and the direction is where it lies from <paramref name="theory"/>.
    /// </summary>
    public static FiniteSizeEffect FromCurve(string reason, ScaleVariable variable, double theory, IEnumerable<double> sizes, Func<double, double> curve)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(curve);
        var x = sizes.ToArray();
        var fit = RegimeAnalysis.Fit(new Regime("finite-size curve", variable, "curve", theory, "", []), x, [.. x.Select(curve)], resamples: 0, seed: 0);
        if (!double.IsFinite(fit.Alpha)) throw new ArgumentException($"the finite-size curve has no exponent at the sizes given ({x.Length} size(s))", nameof(sizes));
        return new(fit.Alpha >= theory ? ExponentBias.Steeper : ExponentBias.Shallower, reason, fit.Alpha);
    }
}
