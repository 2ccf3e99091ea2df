using System.Globalization;
using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// Multistart fitting: L-BFGS with analytic gradients from every start of the law's grid (or the
/// caller's), in parallel, keeping the lowest objective. The result is identical for any thread
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
                results[i] = ws.Minimizer.Minimize(ws.Function, starts[i], map.Lower, map.Upper);
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

    private static void Polish(ScalingLaw law, ScalingData data, ParameterMap map, FitOptions options, OptimizerResult[] results, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, results.Length)
            .Where(i => double.IsFinite(results[i].Value))
            .OrderBy(i => results[i].Value).ThenBy(i => i)
            .Take(PolishedCandidates).ToArray();
        var ws = new Workspace(law, data, map, options);
        foreach (var i in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var polished = ws.Polisher.Minimize(ws.Function, results[i].X, map.Lower, map.Upper);
            if (polished.Value <= results[i].Value)
            {
                results[i] = polished with
                {
                    Iterations = results[i].Iterations + polished.Iterations,
                    Evaluations = results[i].Evaluations + polished.Evaluations,
                };
            }
        }
    }

    private static List<double[]> UniqueStarts(ParameterMap map, IReadOnlyList<double[]> starts, int? limit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<double[]>();
        foreach (var s in limit is { } k ? starts.Take(k) : starts)
        {
            var u = map.Project(s);
            if (seen.Add(string.Join(",", u.Select(x => x.ToString("R", CultureInfo.InvariantCulture))))) result.Add(u);
        }
        if (result.Count == 0) throw new ArgumentException("no starting points");
        return result;
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
        long evaluations = results.Sum(r => (long)r.Evaluations);
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
        bool convergedAtBest = b.Converged || results.Any(r => r.Converged && double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        var status = convergedAtBest ? FitStatus.Converged : FitStatus.NotConverged;

        if (data.Count <= map.FreeCount)
        {
            diagnostics.Add(Diagnostic.Error("too-few-points", $"{data.Count} points for {map.FreeCount} free parameters: the fit interpolates and says nothing"));
        }
        if (!convergedAtBest)
        {
            diagnostics.Add(Diagnostic.Warning("not-converged", $"the best start stopped with '{b.Exit}' after {b.Iterations} iterations"));
        }
        if (b.Value > 0 && b.GradientNorm > 1e-6 * b.Value)
        {
            diagnostics.Add(Diagnostic.Warning("gradient-not-small",
                $"gradient max-norm {Fmt(b.GradientNorm)} at the optimum is {Fmt(b.GradientNorm / b.Value)} of the objective; the optimizer may have stopped early"));
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
            if (_objective.Space == ResidualSpace.Log)
            {
                TensorPrimitives.Subtract(_logPred, _data.LogY, _resid);
            }
            else if (_objective.Space == ResidualSpace.Linear)
            {
                TensorPrimitives.Exp(_logPred, _logPred);
                TensorPrimitives.Subtract(_logPred, _data.Y, _resid);
            }
            else
            {
                TensorPrimitives.Exp(_logPred, _logPred);
                TensorPrimitives.LogP1(_logPred, _resid);
                TensorPrimitives.Subtract(_resid, _log1pY!, _resid);
            }
            double value = _objective.Evaluate(_resid, _psi);
            // Linear residuals: ∂ŷ/∂θ = ŷ·∂ln ŷ/∂θ; log1p residuals: ∂ln(1 + ŷ)/∂θ = ŷ/(1 + ŷ)·∂ln ŷ/∂θ.
            if (_objective.Space == ResidualSpace.Linear) TensorPrimitives.Multiply(_psi, _logPred, _psi);
            if (_objective.Space == ResidualSpace.Log1p)
            {
                TensorPrimitives.Add(_logPred, 1.0, _logPred);
                TensorPrimitives.Reciprocal(_logPred, _logPred);
                TensorPrimitives.Subtract(1.0, _logPred, _logPred);
                TensorPrimitives.Multiply(_psi, _logPred, _psi);
            }
            for (int j = 0; j < _theta.Length; j++)
            {
                _thetaGrad[j] = _map.IsFixed(j) ? 0 : TensorPrimitives.Dot(new ReadOnlySpan<double>(_jac, j * n, n), _psi);
            }
            _map.Contract(_thetaGrad, gradient);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }
    }
}
