using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// Multistart fitting: L-BFGS with analytic gradients from every start of the law's grid (or the
/// caller's), in parallel, keeping the lowest objective; least-squares objectives are finished with
/// Levenberg–Marquardt from each L-BFGS end point (see <see cref="LevenbergMarquardt"/>). The result is identical for any thread
/// count: every start is deterministic and ties go to the lowest start index. The work is split between
/// collaborators of the <see cref="FitProblem"/>: <see cref="FitSearch"/> (the descents, which stop where an earlier
/// one has been), <see cref="FitWorkspace"/> (per-thread objective), <see cref="FitPolish"/> (finishing the best
/// starts) and <see cref="FitSummary"/> (status and diagnostics).
/// </summary>
public static class Fitter
{
    /// <summary>Fits <paramref name="law"/> to <paramref name="data"/>.</summary>
    public static FitResult Fit(ScalingLaw law, ScalingData data, FitOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(new FitProblem(law, data, options), progress, cancellationToken);

    /// <summary>Solves <paramref name="problem"/>.</summary>
    public static FitResult Fit(FitProblem problem, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = problem.Options;
        var starts = UniqueStarts(problem.Map, options.Starts ?? problem.Law.DefaultStarts(problem.Data), options.MaxStarts);
        var (results, descent) = FitSearch.Run(problem, starts, progress, cancellationToken);
        FitPolish.Finish(problem, results, descent, cancellationToken);
        FitSearch.Share(results, descent);
        var fit = FitSummary.Summarise(problem, results);
        // The best start is the one whose descent reached the optimum, not one that joined it on the way.
        return fit.BestStart < 0 ? fit : fit with { BestStart = descent[fit.BestStart] };
    }

    /// <summary>Objective value and gradient (w.r.t. internal θ) at a given θ, for checks and profiles.</summary>
    public static double Objective(ScalingLaw law, ScalingData data, ReadOnlySpan<double> theta, FitObjective objective, Span<double> gradient = default)
    {
        var ws = new FitWorkspace(new FitProblem(law, data, new FitOptions { Objective = objective }));
        var g = new double[theta.Length];
        var value = ws.Function(theta, g);
        if (!gradient.IsEmpty) g.CopyTo(gradient);
        return value;
    }

    private static List<double[]> UniqueStarts(ParameterMap map, IReadOnlyList<double[]> starts, int? limit)
    {
        var seen = new HashSet<double[]>(StartComparer.Instance);
        var result = new List<double[]>();
        int count = Math.Min(limit ?? int.MaxValue, starts.Count);
        for (int i = 0; i < count; i++)
        {
            var u = map.Project(starts[i]);
            if (seen.Add(u)) result.Add(u);
        }
        if (result.Count == 0) throw new ArgumentException("no starting points");
        return result;
    }

    /// <summary>Equality of starting points by value (bitwise, as the optimizer sees them).</summary>
    private sealed class StartComparer : IEqualityComparer<double[]>
    {
        public static StartComparer Instance { get; } = new();

        public bool Equals(double[]? x, double[]? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(x[i]) != BitConverter.DoubleToInt64Bits(y[i])) return false;
            }
            return true;
        }

        public int GetHashCode(double[] obj)
        {
            long hash = 17;
            foreach (var v in obj) hash = hash * 1_000_003 + BitConverter.DoubleToInt64Bits(v);
            return (int)(hash ^ (hash >> 32));
        }
    }
}
