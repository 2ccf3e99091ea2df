using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// Finishing the best starts of a <see cref="FitProblem"/>: a tight L-BFGS polish (tolerance 1e-15, longer line
/// search; see <see cref="FitWorkspace"/>), and for kinked losses a smoothing continuation.
/// </summary>
internal static class FitPolish
{
    private const int PolishedCandidates = 4;

    /// <summary>Candidates finished by smoothing continuation when the loss has kinks.</summary>
    private const int SmoothedCandidates = 16;

    /// <summary>
    /// Polishes the best of <paramref name="results"/> in place (each kept only where it is no worse), among the starts
    /// that descended to their own end (<c>descent[i] == i</c>; the others report one of those, see <see cref="FitSearch"/>).
    /// </summary>
    public static void Finish(FitProblem problem, OptimizerResult[] results, int[] descent, CancellationToken cancellationToken)
    {
        var map = problem.Map;
        bool kinked = problem.Objective.Loss == LossKind.AsymmetricAbsolute;
        var order = BestStarts(results, descent, Math.Clamp(results.Length / (kinked ? 100 : 500), 1, kinked ? SmoothedCandidates : PolishedCandidates));
        var ws = new FitWorkspace(problem);
        foreach (var i in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Keep(results, i, ws.Polisher.Minimize(ws.Function, results[i].X, map.Lower, map.Upper));
            if (kinked) Keep(results, i, Continuation(problem, ws, results[i], cancellationToken));
        }
    }

    /// <summary>Replaces start <paramref name="i"/>'s result by <paramref name="finished"/> when that is no worse, adding up the work.</summary>
    private static void Keep(OptimizerResult[] results, int i, OptimizerResult finished)
    {
        if (!(finished.Value <= results[i].Value)) return;
        results[i] = finished with
        {
            Iterations = results[i].Iterations + finished.Iterations,
            Evaluations = results[i].Evaluations + finished.Evaluations,
        };
    }

    /// <summary>
    /// Quasi-Newton steps stall on the kinks of a piecewise-linear loss (the asymmetric absolute loss
    /// of kyo-takano/chinchilla), so where the search stopped depends on rounding. From
    /// <paramref name="start"/>, minimise the loss with its kink rounded over a zone μ, shrinking μ
    /// tenfold from the mean weighted residual to 10⁻⁸ of it, each stage from the last; the result is
    /// evaluated with the exact loss.
    /// </summary>
    private static OptimizerResult Continuation(FitProblem problem, FitWorkspace exact, OptimizerResult start, CancellationToken cancellationToken)
    {
        var map = problem.Map;
        double mu = start.Value / problem.Data.Count;
        var x = start.X;
        int iterations = 0, evaluations = 0;
        var exit = start.Exit;
        for (int stage = 0; stage <= 8 && mu > 0 && double.IsFinite(mu); stage++, mu /= 10)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var smooth = new FitWorkspace(problem, problem.Objective with { Smoothing = mu });
            var r = smooth.Polisher.Minimize(smooth.Function, x, map.Lower, map.Upper);
            iterations += r.Iterations;
            evaluations += r.Evaluations;
            if (!double.IsFinite(r.Value)) break;
            x = r.X;
            exit = r.Exit;
        }
        var g = new double[x.Length];
        double value = exact.Function(x, g);
        return new OptimizerResult(x, value, ProjectedGradientNorm(x, g, map), iterations, evaluations + 1, exit);
    }

    /// <summary>Max-norm of the gradient over coordinates not held at a bound by it.</summary>
    public static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ParameterMap map)
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (LbfgsMinimizer.HeldAtBound(x[i], g[i], map.Lower[i], map.Upper[i])) continue;
            norm = Math.Max(norm, Math.Abs(g[i]));
        }
        return norm;
    }

    /// <summary>
    /// Indices of the <paramref name="count"/> lowest finite objectives of starts that descended to their own end, lowest
    /// first, ties to the lower index (a selection by insertion: count is small).
    /// </summary>
    private static int[] BestStarts(OptimizerResult[] results, int[] descent, int count)
    {
        var best = new int[count];
        int filled = 0;
        for (int i = 0; i < results.Length; i++)
        {
            double v = results[i].Value;
            if (!double.IsFinite(v) || descent[i] != i) continue;
            int k = filled;
            while (k > 0 && results[best[k - 1]].Value > v) k--;
            if (k >= count) continue;
            int last = Math.Min(filled, count - 1);
            for (int m = last; m > k; m--) best[m] = best[m - 1];
            best[k] = i;
            if (filled < count) filled++;
        }
        return best[..filled];
    }
}
