using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Fitting;

/// <summary>
/// Objective profiles: hold one parameter at a sequence of values, refit the other free parameters
/// (warm-started from the fit), and see how much the objective rises. A nearly flat profile means
/// the data do not determine the parameter (Muennighoff et al. 2023's R_D* is the textbook case:
/// SCIENCE.md §8), so quote predictions, not the parameter.
/// </summary>
public static class ParameterProfile
{
    /// <summary>Relative objective rise below which a profile over a ≥ e-fold range counts as flat.</summary>
    public const double FlatTolerance = 0.01;

    /// <summary>The profile of <paramref name="parameter"/> at <paramref name="values"/> (published units) around <paramref name="fit"/>.</summary>
    public static IReadOnlyList<ProfilePoint> Compute(FitResult fit, ScalingData data, string parameter, IReadOnlyList<double> values,
        CancellationToken cancellationToken = default)
    {
        var law = fit.Law;
        int j = law.IndexOf(parameter);
        if (j < 0) throw new ArgumentException($"law '{law.Name}' has no parameter '{parameter}'");
        var name = law.Parameters[j].Name;
        var result = new List<ProfilePoint>(values.Count);
        var warm = (double[])fit.Theta.Clone();
        foreach (var v in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fixedValues = new Dictionary<string, double>(fit.Options.Fixed, StringComparer.Ordinal) { [name] = v };
            var start = (double[])warm.Clone();
            start[j] = law.Parameters[j].ToInternal(v);
            var options = fit.Options with { Fixed = fixedValues, Starts = [start, fit.Theta], MaxStarts = null, Parallelism = 1 };
            var refit = Fitter.Fit(law, data, options, cancellationToken: cancellationToken);
            result.Add(new ProfilePoint(v, refit.Objective));
            if (double.IsFinite(refit.Objective)) warm = refit.Theta;
        }
        return result;
    }

    /// <summary>
    /// Profiles <paramref name="parameter"/> over [<paramref name="lower"/>, <paramref name="upper"/>] (log-spaced
    /// for scale parameters) and returns a <c>weakly-identified</c> warning when the objective rises by
    /// less than <see cref="FlatTolerance"/> of its minimum across a range of at least a factor e; null otherwise.
    /// </summary>
    public static Diagnostic? CheckIdentified(FitResult fit, ScalingData data, string parameter, double lower, double upper, int points = 12,
        CancellationToken cancellationToken = default)
    {
        var law = fit.Law;
        int j = law.IndexOf(parameter);
        if (j < 0) throw new ArgumentException($"law '{law.Name}' has no parameter '{parameter}'");
        var p = law.Parameters[j];
        double lo = p.ToInternal(lower), hi = p.ToInternal(upper);
        var values = Enumerable.Range(0, points).Select(i => p.FromInternal(lo + (hi - lo) * i / (points - 1))).ToArray();
        var profile = Compute(fit, data, p.Name, values, cancellationToken);
        var finite = profile.Where(x => double.IsFinite(x.Objective)).ToArray();
        if (finite.Length < 2) return null;
        double min = Math.Min(finite.Min(x => x.Objective), fit.Objective);
        double max = finite.Max(x => x.Objective);
        bool wide = p.Transform == ParameterTransform.Log ? hi - lo >= 1 : true;
        double rise = (max - min) / Math.Max(Math.Abs(min), 1e-300);
        if (!wide || rise >= FlatTolerance) return null;
        var best = finite.MinBy(x => x.Objective)!;
        return Diagnostic.Warning("weakly-identified",
            $"{p.Name} is poorly determined: holding it anywhere in {F(lower)}…{F(upper)} and refitting the rest changes the objective by only {F(100 * rise)} % " +
            $"({F(min)} to {F(max)}; lowest at {p.Name} = {F(best.Value)}); quote predictions, not {p.Name}");
    }

    private static string F(double v) => Quantity.Format(v, 4);
}
