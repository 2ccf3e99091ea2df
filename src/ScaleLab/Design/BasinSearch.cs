using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// The distinct local optima of a fit. Each start of an evenly strided subset of the law's default starts
/// (offset by the seed), plus any warm starts, is fitted on its own through the public
/// <c>Fitter.Fit</c>; end points whose predictions at the runs, the candidates and the target agree
/// to a quarter of the noise are one basin (represented by its lowest objective). Basins are weighted by
/// their likelihood with the noise scale profiled out — the BIC difference, since every basin has the
/// same parameters — and those below a thousandth of the best, or beyond the eighth, are dropped.
/// </summary>
internal static class BasinSearch
{
    private const int MaxBasins = 8;
    private const double MinRelativeWeight = 1e-3;

    /// <summary>A basin before it is linearised: its optimum, objective, weight and the starts that reached it.</summary>
    public sealed record Found(double[] Theta, double Objective, double Weight, int Starts);

    public static IReadOnlyList<Found> Run(ScalingLaw law, ScalingData runs, ScalingData candidates, DesignTarget target, int freeParameters,
        DesignOptions options, CancellationToken cancellationToken)
    {
        var starts = Starts(law, runs, options);
        var ends = new FitResult?[starts.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        var fitOptions = new FitOptions
        {
            Objective = options.Objective, Fixed = options.Fixed, MaxIterations = options.MaxIterations, Parallelism = 1,
        };
        Parallel.For(0, starts.Count, parallel, i =>
        {
            var fit = Fitter.Fit(law, runs, fitOptions with { Starts = [starts[i]] }, null, cancellationToken);
            ends[i] = fit.Status != FitStatus.Failed && double.IsFinite(fit.Objective) && fit.Theta.All(double.IsFinite) ? fit : null;
        });
        // Lowest objective first, ties to the lower start index: the representative of a basin is its best end point.
        var order = Enumerable.Range(0, ends.Length).Where(i => ends[i] is not null).OrderBy(i => ends[i]!.Objective).ThenBy(i => i).ToArray();
        if (order.Length == 0) return [];

        var best = ends[order[0]]!;
        var residuals = Residuals(law, best.Theta, runs, options.Objective);
        double logNoise = Math.Sqrt(ResidualModel.NoiseVariance(residuals, ResidualModel.Weights(options.Objective, residuals), freeParameters,
            options.PriorNoise * options.PriorNoise, options.PriorNoiseWeight));
        double tolerance = 0.25 * Math.Max(logNoise, 1e-6);

        var representatives = new List<(FitResult Fit, double[] Signature, int Starts)>();
        foreach (var i in order)
        {
            var fit = ends[i]!;
            var signature = Signature(law, fit.Theta, runs, candidates, target);
            int match = representatives.FindIndex(r => Distance(r.Signature, signature) <= tolerance);
            if (match >= 0) representatives[match] = representatives[match] with { Starts = representatives[match].Starts + 1 };
            else representatives.Add((fit, signature, 1));
        }

        // Profiled likelihood with the prior's pseudo-residuals: ln π_k = −q·(n + ν0)·ln(J_k + J0) + const.
        double q = ResidualModel.LikelihoodExponent(options.Objective, residuals);
        double j0 = options.PriorNoiseWeight * ResidualModel.Loss(options.Objective, PriorResidualScale(options, runs));
        double count = runs.Count + options.PriorNoiseWeight;
        var logWeights = representatives.Select(r => -q * count * Math.Log(Math.Max(r.Fit.Objective, 0) + j0)).ToArray();
        double top = logWeights.Max();
        var kept = representatives.Select((r, k) => (r.Fit, r.Starts, Relative: Math.Exp(logWeights[k] - top)))
            .Where(r => r.Relative >= MinRelativeWeight)
            .OrderByDescending(r => r.Relative).Take(MaxBasins).ToArray();
        double sum = kept.Sum(r => r.Relative);
        return kept.Select(r => new Found(r.Fit.Theta, r.Fit.Objective, r.Relative / sum, r.Starts)).ToArray();
    }

    /// <summary>The prior noise as one residual in the objective's space (σ0 in ln y, scaled by the data for other spaces).</summary>
    public static double PriorResidualScale(DesignOptions options, ScalingData runs)
    {
        if (options.Objective.Space == ResidualSpace.Log || runs.Count == 0) return options.PriorNoise;
        double scale = 0;
        foreach (var y in runs.Y) scale += options.Objective.Space == ResidualSpace.Linear ? y : y / (1 + y);
        return options.PriorNoise * scale / runs.Count;
    }

    /// <summary>Residuals of <paramref name="theta"/> at the runs in the objective's space.</summary>
    public static double[] Residuals(ScalingLaw law, ReadOnlySpan<double> theta, ScalingData runs, FitObjective objective)
    {
        var log = new double[runs.Count];
        law.EvaluateLog(theta, runs, log, Span<double>.Empty);
        for (int i = 0; i < log.Length; i++) log[i] = ResidualModel.Residual(objective, log[i], runs.Y[i]);
        return log;
    }

    private static List<double[]> Starts(ScalingLaw law, ScalingData runs, DesignOptions options)
    {
        var result = new List<double[]>(options.WarmStarts.Count + options.BasinStarts);
        foreach (var s in options.WarmStarts) result.Add(s.ToArray());
        double offset = new SeededRandom(options.Seed ^ 0xB5AD4ECEDA1CE2A9UL).NextDouble();
        result.AddRange(GridSubset(law.DefaultStarts(runs), options.BasinStarts, offset));
        return result;
    }

    /// <summary>
    /// A stratified subset of a start grid: one start in each of <paramref name="count"/> equal slices, at the same
    /// <paramref name="offset"/> (in [0, 1)) within every slice; the whole grid when it is no larger.
    /// </summary>
    public static List<double[]> GridSubset(IReadOnlyList<double[]> grid, int count, double offset)
    {
        var result = new List<double[]>();
        count = Math.Min(count, grid.Count);
        double stride = count > 0 ? (double)grid.Count / count : 0;
        for (int i = 0; i < count; i++) result.Add(grid[Math.Min(grid.Count - 1, (int)((i + offset) * stride))].ToArray());
        return result;
    }

    private static double[] Signature(ScalingLaw law, double[] theta, ScalingData runs, ScalingData candidates, DesignTarget target)
    {
        var result = new double[runs.Count + candidates.Count + target.Count];
        law.EvaluateLog(theta, runs, result.AsSpan(0, runs.Count), Span<double>.Empty);
        law.EvaluateLog(theta, candidates, result.AsSpan(runs.Count, candidates.Count), Span<double>.Empty);
        target.Evaluate(law, theta, result.AsSpan(runs.Count + candidates.Count));
        return result;
    }

    private static double Distance(double[] a, double[] b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = Math.Abs(a[i] - b[i]);
            if (double.IsNaN(x)) return double.PositiveInfinity;
            d = Math.Max(d, x);
        }
        return d;
    }
}
