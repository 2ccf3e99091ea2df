using System.Globalization;
using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// Multistart fitting: L-BFGS with analytic gradients from every start of the law's grid (or the
/// caller's), in parallel, keeping the lowest objective; least-squares objectives are finished with
/// Levenberg–Marquardt from each L-BFGS end point (see <see cref="LevenbergMarquardt"/>). The result is identical for any thread
/// count: every start is deterministic and ties go to the lowest start index.
/// </summary>
public static class Fitter
{
    /// <summary>Fits <paramref name="law"/> to <paramref name="data"/>.</summary>
    public static FitResult Fit(ScalingLaw law, ScalingData data, FitOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new FitOptions();
        var map = ParameterMap.Create(law, options.Fixed, options.Ties, options.Bounds);
        var starts = UniqueStarts(map, options.Starts ?? law.DefaultStarts(data), options.MaxStarts);
        var results = new OptimizerResult[starts.Count];
        int done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, starts.Count, parallel,
            () => new Workspace(law, data, map, options),
            (i, _, ws) =>
            {
                results[i] = ws.Polish(ws.Minimizer.Minimize(ws.Function, starts[i], map.Lower, map.Upper));
                var d = Interlocked.Increment(ref done);
                if (progress is not null && (d % 64 == 0 || d == starts.Count)) progress.Report((double)d / starts.Count);
                return ws;
            },
            _ => { });
        Polish(law, data, map, options, results, cancellationToken);
        return Summarise(law, data, map, options, results);
    }

    /// <summary>Objective value and gradient (w.r.t. internal θ) at a given θ, for checks and profiles.</summary>
    public static double Objective(ScalingLaw law, ScalingData data, ReadOnlySpan<double> theta, FitObjective objective, Span<double> gradient = default)
    {
        var ws = new Workspace(law, data, ParameterMap.Create(law), new FitOptions { Objective = objective });
        var g = new double[theta.Length];
        var value = ws.Function(theta, g);
        if (!gradient.IsEmpty) g.CopyTo(gradient);
        return value;
    }

    /// <summary>
    /// The starts run with a relative function tolerance of 1e-10; the best few are then continued
    /// with 1e-15 and a longer line search. The search only has to find the right basin; the polish
    /// makes the reported optimum tight (Besiroglu et al. 2024: loose tolerances stopped Hoffmann's fit early).
    /// </summary>
    private const double SearchFunctionTolerance = 1e-10;

    private const int PolishedCandidates = 4;

    /// <summary>Candidates finished by smoothing continuation when the loss has kinks.</summary>
    private const int SmoothedCandidates = 16;

    private static void Polish(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options, OptimizerResult[] results, CancellationToken cancellationToken)
    {
        bool kinked = options.Objective.Loss == LossKind.AsymmetricAbsolute;
        var order = BestStarts(results, Math.Clamp(results.Length / (kinked ? 100 : 500), 1, kinked ? SmoothedCandidates : PolishedCandidates));
        var ws = new Workspace(law, data, map, options);
        foreach (var i in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Keep(results, i, ws.Polisher.Minimize(ws.Function, results[i].X, map.Lower, map.Upper));
            if (kinked) Keep(results, i, Continuation(law, data, map, options, ws, results[i], cancellationToken));
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
    private static OptimizerResult Continuation(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options, Workspace exact,
        OptimizerResult start, CancellationToken cancellationToken)
    {
        double mu = start.Value / data.Count;
        var x = start.X;
        int iterations = 0, evaluations = 0;
        var exit = start.Exit;
        for (int stage = 0; stage <= 8 && mu > 0 && double.IsFinite(mu); stage++, mu /= 10)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var smooth = new Workspace(law, data, map, options with { Objective = options.Objective with { Smoothing = mu } });
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
    private static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ParameterMap map)
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if ((x[i] <= map.Lower[i] && g[i] > 0) || (x[i] >= map.Upper[i] && g[i] < 0)) continue;
            norm = Math.Max(norm, Math.Abs(g[i]));
        }
        return norm;
    }

    /// <summary>
    /// Indices of the <paramref name="count"/> lowest finite objectives, lowest first, ties to the
    /// lower index (a selection by insertion: count is small).
    /// </summary>
    private static int[] BestStarts(OptimizerResult[] results, int count)
    {
        var best = new int[count];
        int filled = 0;
        for (int i = 0; i < results.Length; i++)
        {
            double v = results[i].Value;
            if (!double.IsFinite(v)) continue;
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

    private static FitResult Summarise(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options, OptimizerResult[] results)
    {
        int best = -1;
        for (int i = 0; i < results.Length; i++)
        {
            if (double.IsFinite(results[i].Value) && (best < 0 || results[i].Value < results[best].Value)) best = i;
        }
        var diagnostics = new List<Diagnostic>();
        var freeNames = law.Parameters.Where((_, j) => !map.IsFixed(j)).Select(p => p.Name).ToArray();
        long evaluations = 0;
        foreach (var r in results) evaluations += r.Evaluations;
        if (best < 0)
        {
            diagnostics.Add(Diagnostic.Error("no-finite-start", "no start gave a finite objective: check that the data suit the law (positive metric for log residuals)"));
            return new FitResult
            {
                Law = law, Theta = new double[law.Parameters.Count], Objective = double.NaN, Status = FitStatus.Failed,
                Exit = OptimizerExit.NonFiniteStart, Iterations = 0, Evaluations = evaluations, GradientNorm = double.NaN,
                Starts = results.Length, StartsConverged = 0, StartsAtBest = 0, BestStart = -1, Points = data.Count,
                Options = options, FreeParameters = freeNames, Diagnostics = diagnostics,
            };
        }
        var b = results[best];
        var theta = new double[law.Parameters.Count];
        map.Expand(b.X, theta);
        double tolerance = 1e-9 * Math.Max(Math.Abs(b.Value), 1e-300);
        int atBest = results.Count(r => double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        int converged = results.Count(r => r.Converged);
        // A start that stops on a kink of the Huber loss (line search failed) at the optimum that other
        // starts reached with a convergence test has found that optimum too.
        // An objective at rounding level (residuals ~1e-12 relative) is an exact fit: there is nothing
        // left to decrease, whatever test stopped the optimizer.
        bool exactFit = b.Value <= ExactFitObjective(data, options.Objective);
        // A line search that finds no decrease where the gradient is already negligible has stopped at
        // the optimum to rounding precision (typical along a flat valley of a weakly identified parameter).
        bool stalledAtOptimum = b.Exit == OptimizerExit.LineSearchFailed && b.GradientNorm <= NegligibleGradient * Math.Abs(b.Value);
        bool convergedAtBest = exactFit || stalledAtOptimum || b.Converged
            || results.Any(r => r.Converged && double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        var status = convergedAtBest ? FitStatus.Converged : FitStatus.NotConverged;

        if (data.Count <= map.FreeCount)
        {
            diagnostics.Add(Diagnostic.Error("too-few-points", $"{data.Count} points for {map.FreeCount} free parameters: the fit interpolates and says nothing"));
        }
        if (!convergedAtBest)
        {
            diagnostics.Add(Diagnostic.Warning("not-converged", $"the best start stopped with '{b.Exit}' after {b.Iterations} iterations"));
        }
        if (exactFit)
        {
            diagnostics.Add(Diagnostic.Info("exact-fit", $"objective {Fmt(b.Value)} is at rounding level: the law reproduces the data exactly (synthetic data?)"));
        }
        // The asymmetric absolute loss is piecewise linear: its gradient does not vanish at a minimum on a kink.
        else if (b.GradientNorm > NegligibleGradient * b.Value && options.Objective.Loss != LossKind.AsymmetricAbsolute)
        {
            // In an ill-conditioned valley the gradient can stay well above 1e-6·J where no measurable
            // decrease is left: ask what a Newton step would still gain before warning.
            double gain = NewtonGain(law, data, map, options, b.X);
            if (!(gain <= NegligibleNewtonGain * Math.Abs(b.Value)))
            {
                string gained = double.IsFinite(gain) ? $"; a Newton step would lower it by {Fmt(gain / b.Value)} (relative)" : "";
                diagnostics.Add(Diagnostic.Warning("gradient-not-small",
                    $"gradient max-norm {Fmt(b.GradientNorm)} at the optimum is {Fmt(b.GradientNorm / b.Value)} of the objective{gained}; the optimizer may have stopped early"));
            }
        }
        for (int j = 0; j < law.Parameters.Count; j++)
        {
            int f = map.FreeIndex(j);
            if (f < 0) continue;
            double x = b.X[f];
            bool atLower = double.IsFinite(map.Lower[f]) && Math.Abs(x - map.Lower[f]) <= 1e-8 * (1 + Math.Abs(x));
            bool atUpper = double.IsFinite(map.Upper[f]) && Math.Abs(x - map.Upper[f]) <= 1e-8 * (1 + Math.Abs(x));
            if (atLower || atUpper)
            {
                diagnostics.Add(Diagnostic.Warning("parameter-at-bound",
                    $"{law.Parameters[j].Name} = {Fmt(law.Parameters[j].FromInternal(x))} sits at its {(atLower ? "lower" : "upper")} bound; the optimum may lie beyond it"));
            }
        }
        // Agreement of the best starts: all starts within 1e-6 (relative) of the best objective.
        var near = results.Where(r => double.IsFinite(r.Value) && r.Value - b.Value <= 1e-6 * Math.Max(Math.Abs(b.Value), 1e-300)).ToArray();
        var bestNamed = law.ToNamed(theta);
        double worst = 0;
        string? worstName = null;
        var th = new double[law.Parameters.Count];
        foreach (var r in near)
        {
            map.Expand(r.X, th);
            var named = law.ToNamed(th);
            foreach (var (name, v) in bestNamed)
            {
                double rel = Math.Abs(named[name] - v) / Math.Max(Math.Abs(v), 1e-12);
                if (rel > worst) { worst = rel; worstName = name; }
            }
        }
        if (worst > 0.05 && worstName is not null)
        {
            diagnostics.Add(Diagnostic.Warning("best-starts-disagree",
                $"{near.Length} starts reach the best objective within 1e-6 but {worstName} differs among them by {Fmt(100 * worst)} %: the data do not pin it down"));
        }
        if (results.Length >= 10 && atBest == 1)
        {
            diagnostics.Add(Diagnostic.Info("single-start-at-best", $"only 1 of {results.Length} starts reached the best objective; a wider grid may find a lower one"));
        }
        return new FitResult
        {
            Law = law, Theta = theta, Objective = b.Value, Status = status, Exit = b.Exit, Iterations = b.Iterations,
            Evaluations = evaluations, GradientNorm = b.GradientNorm, Starts = results.Length, StartsConverged = converged,
            StartsAtBest = atBest, BestStart = best, Points = data.Count, Options = options, FreeParameters = freeNames,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>Gradient max-norm, relative to the objective, below which an optimum counts as found.</summary>
    private const double NegligibleGradient = 1e-6;

    /// <summary>Decrease a Newton step may still promise, relative to the objective, at an optimum.</summary>
    private const double NegligibleNewtonGain = 1e-10;

    /// <summary>
    /// The decrease ½·gᵀH⁻¹g a Newton step promises from <paramref name="u"/> (the Newton decrement), with
    /// H from central differences of the analytic gradient; NaN when H is not positive definite there.
    /// </summary>
    private static double NewtonGain(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options, double[] u)
    {
        int m = u.Length;
        if (m == 0) return 0;
        var ws = new Workspace(law, data, map, options);
        var g = new double[m];
        ws.Function(u, g);
        var h = new double[m, m];
        var x = new double[m];
        var gPlus = new double[m];
        var gMinus = new double[m];
        for (int k = 0; k < m; k++)
        {
            double step = 1e-5 * Math.Max(1, Math.Abs(u[k]));
            u.CopyTo(x, 0);
            x[k] = u[k] + step;
            ws.Function(x, gPlus);
            x[k] = u[k] - step;
            ws.Function(x, gMinus);
            for (int i = 0; i < m; i++) h[i, k] = (gPlus[i] - gMinus[i]) / (2 * step);
        }
        // Cholesky of the symmetrised H, then gᵀH⁻¹g = ‖L⁻¹g‖².
        var l = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                double sum = 0.5 * (h[i, k] + h[k, i]);
                for (int j = 0; j < k; j++) sum -= l[i, j] * l[k, j];
                if (i == k)
                {
                    if (!(sum > 0)) return double.NaN;
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, k] = sum / l[k, k];
                }
            }
        }
        double decrement = 0;
        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            double sum = g[i];
            for (int j = 0; j < i; j++) sum -= l[i, j] * y[j];
            y[i] = sum / l[i, i];
            decrement += y[i] * y[i];
        }
        return 0.5 * decrement;
    }

    /// <summary>Objective of residuals of 1e-12 relative size at every point: below it a fit is exact.</summary>
    private static double ExactFitObjective(ScalingData data, FitObjective objective)
    {
        double scale = objective.Space == ResidualSpace.Linear ? data.Y.Max(Math.Abs) : 1.0;
        double r = 1e-12 * scale;
        return data.Count * (objective.Loss == LossKind.AsymmetricAbsolute ? objective.NegativeWeight * r : 0.5 * r * r);
    }

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Per-thread buffers and the objective closure over them.</summary>
    private sealed class Workspace
    {
        private readonly ScalingLaw _law;
        private readonly ScalingData _data;
        private readonly ParameterMap _map;
        private readonly FitObjective _objective;
        private readonly double[] _theta, _thetaGrad, _logPred, _jac, _resid, _psi;
        private readonly double[]? _log1pY;

        public Workspace(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options)
        {
            _law = law;
            _data = data;
            _map = map;
            _objective = options.Objective;
            int p = law.Parameters.Count, n = data.Count;
            _theta = new double[p];
            _thetaGrad = new double[p];
            _logPred = new double[n];
            _jac = new double[p * n];
            _resid = new double[n];
            _psi = new double[n];
            if (_objective.Space == ResidualSpace.Log1p)
            {
                _log1pY = new double[n];
                TensorPrimitives.LogP1(data.Y, _log1pY);
            }
            Minimizer = new LbfgsMinimizer(map.FreeCount)
            {
                MaxIterations = options.MaxIterations,
                FunctionTolerance = SearchFunctionTolerance,
                ConsecutiveSmallDecreases = 1,
            };
            Polisher = new LbfgsMinimizer(map.FreeCount)
            {
                MaxIterations = options.MaxIterations,
                FunctionTolerance = 1e-15,
                ConsecutiveSmallDecreases = 3,
                MaxZoomSteps = 30,
            };
            Function = Evaluate;
            if (_objective.Loss == LossKind.Squared && map.FreeCount > 0)
            {
                _polisher = new LevenbergMarquardt(n, map.FreeCount);
                _residualFunction = Residuals;
            }
        }

        private readonly LevenbergMarquardt? _polisher;
        private readonly ResidualFunction? _residualFunction;

        /// <summary>For least squares, continues from an L-BFGS end point with Levenberg–Marquardt and keeps the lower objective.</summary>
        public OptimizerResult Polish(OptimizerResult quasiNewton)
        {
            if (_polisher is null || _residualFunction is null || !double.IsFinite(quasiNewton.Value)) return quasiNewton;
            var lm = _polisher.Minimize(_residualFunction, quasiNewton.X, _map.Lower, _map.Upper);
            if (!(lm.Value < quasiNewton.Value)) return quasiNewton;
            return new OptimizerResult(lm.X, lm.Value, lm.GradientNorm, quasiNewton.Iterations + lm.Iterations,
                quasiNewton.Evaluations + lm.Evaluations, lm.Exit);
        }

        private void Residuals(ReadOnlySpan<double> u, Span<double> residuals, Span<double> jacobian)
        {
            _map.Expand(u, _theta);
            int n = _data.Count;
            _law.EvaluateLog(_theta, _data, _logPred, _jac);
            bool chain = ResidualsAndChainFactor(residuals);
            jacobian.Clear();
            for (int j = 0; j < _theta.Length; j++)
            {
                int f = _map.FreeIndex(j);
                if (f < 0) continue;
                var column = jacobian.Slice(f * n, n);
                var source = new ReadOnlySpan<double>(_jac, j * n, n);
                if (chain) TensorPrimitives.MultiplyAdd(source, _logPred, column, column);
                else TensorPrimitives.Add(column, source, column);
            }
        }

        /// <summary>
        /// Residuals from the log predictions in <c>_logPred</c>. For log residuals ∂r/∂θ = ∂ln ŷ/∂θ and
        /// false is returned; otherwise <c>_logPred</c> is overwritten with the chain factor
        /// ∂r/∂ln ŷ (ŷ for linear residuals, ŷ/(1 + ŷ) for log1p) and true is returned.
        /// </summary>
        private bool ResidualsAndChainFactor(Span<double> residuals)
        {
            switch (_objective.Space)
            {
                case ResidualSpace.Log:
                    TensorPrimitives.Subtract(_logPred, _data.LogY, residuals);
                    return false;
                case ResidualSpace.Linear:
                    TensorPrimitives.Exp(_logPred, _logPred);
                    TensorPrimitives.Subtract(_logPred, _data.Y, residuals);
                    return true;
                default:
                    TensorPrimitives.Exp(_logPred, _logPred);
                    TensorPrimitives.LogP1(_logPred, residuals);
                    TensorPrimitives.Subtract(residuals, _log1pY!, residuals);
                    TensorPrimitives.Add(_logPred, 1.0, _logPred);
                    TensorPrimitives.Reciprocal(_logPred, _logPred);
                    TensorPrimitives.Subtract(1.0, _logPred, _logPred);
                    return true;
            }
        }

        /// <summary>Moderate tolerances for the many starts.</summary>
        public LbfgsMinimizer Minimizer { get; }

        /// <summary>Tight tolerances for finishing the best candidates.</summary>
        public LbfgsMinimizer Polisher { get; }

        public ObjectiveFunction Function { get; }

        private double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
        {
            _map.Expand(u, _theta);
            if (_law.TryEvaluateObjective(_theta, _data, _objective, _thetaGrad, out var fused))
            {
                _map.Contract(_thetaGrad, gradient);
                return double.IsFinite(fused) ? fused : double.PositiveInfinity;
            }
            int n = _data.Count;
            _law.EvaluateLog(_theta, _data, _logPred, _jac);
            bool chain = ResidualsAndChainFactor(_resid);
            double value = _objective.Evaluate(_resid, _psi);
            if (chain) TensorPrimitives.Multiply(_psi, _logPred, _psi);
            for (int j = 0; j < _theta.Length; j++)
            {
                _thetaGrad[j] = _map.IsFixed(j) ? 0 : TensorPrimitives.Dot(new ReadOnlySpan<double>(_jac, j * n, n), _psi);
            }
            _map.Contract(_thetaGrad, gradient);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }
    }
}
