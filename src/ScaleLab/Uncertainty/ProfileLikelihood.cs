using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Profiles: hold one parameter at a value, refit all the others (warm-started), and see how the fit's
/// objective or likelihood changes. One routine (<see cref="HoldAndRefit"/>) serves two uses.
/// <list type="bullet">
/// <item>Profile-likelihood intervals (Venzon &amp; Moolgavkar 1988): the interval is where 2(ℓ̂ − ℓ_profile)
/// stays below the χ²(1) quantile of the level. The likelihood is <see cref="ResidualLikelihood"/> of the fit's
/// own objective (Huber or Gaussian on log residuals, scale re-estimated at every point). Unlike percentile
/// intervals from a lopsided bootstrap distribution, the ends need not be symmetric, and a profile that never
/// rises (a parameter the data do not determine) is reported as such, with the range searched.</item>
/// <item>Objective profiles over a given range (<see cref="Objectives"/>, <see cref="CheckIdentified"/>): a nearly
/// flat one means the data do not determine the parameter (the decay constant R_D* of Muennighoff et al. 2023
/// is the textbook case), so quote predictions, not the parameter.</item>
/// </list>
/// </summary>
public static class ProfileLikelihood
{
    /// <summary>Relative objective rise below which a profile over a ≥ e-fold range counts as flat.</summary>
    public const double FlatTolerance = 0.01;

    /// <summary>Profiles every free, untied parameter of the fit.</summary>
    public static (IReadOnlyList<ParameterProfile> Profiles, IReadOnlyList<Diagnostic> Diagnostics) ProfileAll(ScalingLaw law, ScalingData data,
        FitResult fit, double level, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var identifiability = IdentifiabilityCheck.Check(law, data, fit);
        var map = ParameterMap.Create(law, fit.Options.Fixed, fit.Options.Ties, fit.Options.Bounds);
        var tied = fit.Options.Ties.SelectMany(t => t).Select(law.IndexOf).ToHashSet();
        var free = Enumerable.Range(0, law.Parameters.Count)
            .Where(j => fit.FreeParameters.Contains(law.Parameters[j].Name) && !tied.Contains(j)).ToArray();
        var profiles = new ParameterProfile[free.Length];
        var diagnostics = new List<Diagnostic>();
        int done = 0;
        Parallel.For(0, free.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
        {
            int j = free[k];
            double se = identifiability.StandardErrors[map.FreeIndex(j)];
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
            var refit = HoldAndRefit(fit, data, j, par.FromInternal(x), starts, cancellationToken);
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

    /// <summary>The objective profile of <paramref name="parameter"/> at <paramref name="values"/> (published units) around <paramref name="fit"/>.</summary>
    public static IReadOnlyList<ProfilePoint> Objectives(FitResult fit, ScalingData data, string parameter, IReadOnlyList<double> values,
        CancellationToken cancellationToken = default)
    {
        int j = IndexOf(fit.Law, parameter);
        var result = new List<ProfilePoint>(values.Count);
        var warm = (double[])fit.Theta.Clone();
        foreach (var v in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = (double[])warm.Clone();
            start[j] = fit.Law.Parameters[j].ToInternal(v);
            var refit = HoldAndRefit(fit, data, j, v, [start, fit.Theta], cancellationToken);
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
        var p = fit.Law.Parameters[IndexOf(fit.Law, parameter)];
        double lo = p.ToInternal(lower), hi = p.ToInternal(upper);
        var values = new double[points];
        for (int i = 0; i < points; i++) values[i] = p.FromInternal(lo + (hi - lo) * i / (points - 1));
        var profile = Objectives(fit, data, p.Name, values, cancellationToken);
        var finite = profile.Where(x => double.IsFinite(x.Objective)).ToArray();
        if (finite.Length < 2) return null;
        double min = Math.Min(finite.Min(x => x.Objective), fit.Objective);
        double max = finite.Max(x => x.Objective);
        bool wide = p.Transform != ParameterTransform.Log || hi - lo >= 1;
        double rise = (max - min) / Math.Max(Math.Abs(min), 1e-300);
        if (!wide || rise >= FlatTolerance) return null;
        var best = finite.MinBy(x => x.Objective)!;
        return Diagnostic.Warning("weakly-identified",
            $"{p.Name} is poorly determined: holding it anywhere in {Fmt(lower)}…{Fmt(upper)} and refitting the rest changes the objective by only {Fmt(100 * rise)} % " +
            $"({Fmt(min)} to {Fmt(max)}; lowest at {p.Name} = {Fmt(best.Value)}); quote predictions, not {p.Name}");
    }

    /// <summary>
    /// The fit with parameter <paramref name="j"/> held at <paramref name="value"/> (published units) and every other
    /// free parameter refitted from <paramref name="starts"/> (full θ, internal coordinates), on one thread.
    /// </summary>
    private static FitResult HoldAndRefit(FitResult fit, ScalingData data, int j, double value, IReadOnlyList<double[]> starts,
        CancellationToken cancellationToken)
    {
        var fixedValues = new Dictionary<string, double>(fit.Options.Fixed, StringComparer.Ordinal) { [fit.Law.Parameters[j].Name] = value };
        return Fitter.Fit(fit.Law, data, fit.Options with { Fixed = fixedValues, Starts = starts, MaxStarts = null, Parallelism = 1 }, null, cancellationToken);
    }

    private static int IndexOf(ScalingLaw law, string parameter)
    {
        int j = law.IndexOf(parameter);
        return j >= 0 ? j : throw new ArgumentException($"law '{law.Name}' has no parameter '{parameter}'");
    }

    private static string Fmt(double v) => Quantity.Format(v, 4);
}
