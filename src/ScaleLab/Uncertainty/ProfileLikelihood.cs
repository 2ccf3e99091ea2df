using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Profile-likelihood intervals (Venzon &amp; Moolgavkar 1988): for one parameter held at a value,
/// refit all the others; the interval is where 2(ℓ̂ − ℓ_profile) stays below the χ²(1) quantile of
/// the level. The likelihood is <see cref="ResidualLikelihood"/> of the fit's own objective
/// (Huber or Gaussian on log residuals, scale re-estimated at every point). Unlike percentile
/// intervals from a lopsided bootstrap distribution, the ends need not be symmetric, and a profile
/// that never rises (a parameter the data do not determine) is reported as such, with the range
/// searched.
/// </summary>
public static class ProfileLikelihood
{
    /// <summary>Profiles every free, untied parameter of the fit.</summary>
    public static (IReadOnlyList<ParameterProfile> Profiles, IReadOnlyList<Diagnostic> Diagnostics) ProfileAll(ScalingLaw law, ScalingData data,
        FitResult fit, double level, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var identifiability = IdentifiabilityCheck.Check(law, data, fit);
        var tied = fit.Options.Ties.SelectMany(t => t).Select(law.IndexOf).ToHashSet();
        var free = Enumerable.Range(0, law.Parameters.Count)
            .Where(j => fit.FreeParameters.Contains(law.Parameters[j].Name) && !tied.Contains(j)).ToArray();
        var profiles = new ParameterProfile[free.Length];
        var diagnostics = new List<Diagnostic>();
        int done = 0;
        Parallel.For(0, free.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
        {
            int j = free[k];
            int f = Array.FindIndex(identifiability.Parameters.ToArray(), s => s.Split(' ')[0] == law.Parameters[j].Name);
            double se = f >= 0 ? identifiability.StandardErrors[f] : double.NaN;
            profiles[k] = Profile(law, data, fit, j, level, se, cancellationToken);
            var d = Interlocked.Increment(ref done);
            progress?.Report((double)d / free.Length);
        });
        foreach (var pr in profiles)
        {
            if (!pr.FlatLower && !pr.FlatUpper) continue;
            var side = pr.FlatLower && pr.FlatUpper ? "in both directions" : pr.FlatLower ? "below the estimate" : "above the estimate";
            diagnostics.Add(Diagnostic.Warning("profile-flat",
                $"the profile likelihood of {pr.Parameter} stays flat {side} over [{Fmt(pr.SearchedLower)}, {Fmt(pr.SearchedUpper)}] " +
                $"(never reaching the {Fmt(100 * level)} % threshold): the data do not determine {pr.Parameter}"));
        }
        foreach (var pr in profiles)
        {
            if (pr.Points.Any(pt => pt.Statistic < -1e-6))
            {
                diagnostics.Add(Diagnostic.Warning("profile-found-better-fit",
                    $"profiling {pr.Parameter} found a lower objective than the fit: the fit is not the global optimum; refit with more starts"));
            }
        }
        return (profiles, diagnostics);
    }

    /// <summary>
    /// Profiles parameter <paramref name="j"/>. Steps start at <paramref name="standardError"/> (internal
    /// coordinates; a tenth of the value when unknown) and double while the profile stays low, up to
    /// 40 steps or the parameter's bound on each side; the crossing is then refined by bisection.
    /// </summary>
    public static ParameterProfile Profile(ScalingLaw law, ScalingData data, FitResult fit, int j, double level, double standardError,
        CancellationToken cancellationToken = default)
    {
        PercentileInterval.ValidateLevel(level);
        var par = law.Parameters[j];
        var objective = fit.Options.Objective;
        int n = data.Count;
        double best = ResidualLikelihood.MaxLogLikelihood(objective, fit.Objective, n);
        double threshold = StatisticalFunctions.ChiSquareQuantile(level, 1);
        var map = ParameterMap.Create(law, fit.Options.Fixed, fit.Options.Ties, fit.Options.Bounds);
        int free = map.FreeIndex(j);
        double lowerBound = map.Lower[free], upperBound = map.Upper[free];
        double x0 = fit.Theta[j];
        double step0 = double.IsFinite(standardError) && standardError > 0 ? standardError : 0.1 * Math.Max(Math.Abs(x0), 0.1);
        var points = new List<(double, double)> { (par.FromInternal(x0), 0) };
        var rng = SeededRandom.ForStream(0x9F0F11E, j);

        (double Statistic, double[] Theta) Evaluate(double x, double[] warm)
        {
            var start = (double[])warm.Clone();
            start[j] = x;
            var starts = new List<double[]> { start };
            for (int s = 0; s < 2; s++) starts.Add(start.Select((v, i) => i == j ? v : v + rng.NextGaussian() * (0.05 * Math.Abs(v) + 0.02)).ToArray());
            var fixedValues = new Dictionary<string, double>(fit.Options.Fixed, StringComparer.Ordinal) { [par.Name] = par.FromInternal(x) };
            var refit = Fitter.Fit(law, data, fit.Options with { Fixed = fixedValues, Starts = starts, MaxStarts = null, Parallelism = 1 }, null, cancellationToken);
            double statistic = 2 * (best - ResidualLikelihood.MaxLogLikelihood(objective, refit.Objective, n));
            lock (points) points.Add((par.FromInternal(x), statistic));
            return (statistic, refit.Theta);
        }

        (double End, bool Flat, double Searched) Walk(int direction)
        {
            double step = step0, previous = x0;
            var warm = fit.Theta;
            double bound = direction > 0 ? upperBound : lowerBound;
            for (int k = 0; k < 40; k++)
            {
                double x = previous + direction * step;
                bool atBound = direction > 0 ? x >= bound : x <= bound;
                if (atBound) x = bound;
                var (statistic, theta) = Evaluate(x, warm);
                if (statistic >= threshold)
                {
                    // Bisection between previous (below) and x (above) on the statistic.
                    double lo = previous, hi = x;
                    var loWarm = warm;
                    for (int b = 0; b < 12; b++)
                    {
                        double mid = 0.5 * (lo + hi);
                        var (sm, tm) = Evaluate(mid, loWarm);
                        if (sm >= threshold) hi = mid; else { lo = mid; loWarm = tm; }
                    }
                    return (0.5 * (lo + hi), false, x);
                }
                if (atBound || !double.IsFinite(statistic)) return (direction > 0 ? double.PositiveInfinity : double.NegativeInfinity, true, x);
                previous = x;
                warm = theta;
                if (statistic < 0.25 * threshold) step *= 2;
            }
            return (direction > 0 ? double.PositiveInfinity : double.NegativeInfinity, true, previous);
        }

        var (lowerEnd, flatLower, searchedLower) = Walk(-1);
        var (upperEnd, flatUpper, searchedUpper) = Walk(+1);
        var sorted = points.OrderBy(pt => pt.Item1).ToArray();
        var interval = new Interval(
            flatLower ? (par.Transform == ParameterTransform.Log ? 0 : double.NegativeInfinity) : par.FromInternal(lowerEnd),
            flatUpper ? double.PositiveInfinity : par.FromInternal(upperEnd), level, "profile");
        return new ParameterProfile(par.Name, par.FromInternal(x0), interval, sorted, flatLower, flatUpper,
            par.FromInternal(searchedLower), par.FromInternal(searchedUpper));
    }

    private static string Fmt(double v) => Quantity.Format(v, 4);
}
