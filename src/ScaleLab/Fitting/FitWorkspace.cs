using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// The per-thread side of a <see cref="FitProblem"/>: buffers, the objective and its gradient in the optimizer's
/// free coordinates (the law's fused kernel when it has one, else the general path), residuals for
/// Levenberg–Marquardt, and the two L-BFGS configurations of a fit.
/// </summary>
internal sealed class FitWorkspace
{
    /// <summary>
    /// The starts run with a relative function tolerance of 1e-10; the best few are then continued
    /// with 1e-15 and a longer line search (<see cref="FitPolish"/>). The search only has to find the right basin; the polish
    /// makes the reported optimum tight (Besiroglu et al. 2024: loose tolerances stopped Hoffmann's fit early).
    /// </summary>
    private const double SearchFunctionTolerance = 1e-10;

    private readonly ScalingLaw _law;
    private readonly ScalingData _data;
    private readonly ParameterMap _map;
    private readonly FitObjective _objective;
    private readonly double[] _theta, _thetaGrad, _logPred, _jac, _resid, _psi;
    private readonly double[]? _log1pY;

    /// <summary>A workspace for <paramref name="problem"/>, optionally with another objective on the same points (the smoothed loss of a continuation).</summary>
    public FitWorkspace(FitProblem problem, FitObjective? objective = null)
    {
        var law = problem.Law;
        var data = problem.Data;
        var map = problem.Map;
        var options = problem.Options;
        _law = law;
        _data = data;
        _map = map;
        _objective = objective ?? options.Objective;
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
        _freeGradient = new double[map.FreeCount];
        _watch = Watch;
        if (_objective.Loss == LossKind.Squared && map.FreeCount > 0)
        {
            _polisher = new LevenbergMarquardt(n, map.FreeCount);
            _residualFunction = Residuals;
        }
    }

    private readonly LevenbergMarquardt? _polisher;
    private readonly ResidualFunction? _residualFunction;
    private readonly IterationMonitor _watch;
    private readonly List<(long Cell, double Value)> _path = [];
    private readonly double[] _freeGradient;
    private BasinIndex? _index;
    private int _joined;

    /// <summary>
    /// One descent of the search from <paramref name="start"/>: L-BFGS (then, for least squares, <see cref="Polish"/>),
    /// ended early where it enters a cell of <paramref name="index"/> that an earlier descent reached at an objective no
    /// higher. Returns its result, the descent it joined (−1 if none) and the cells it passed through with their objectives.
    /// </summary>
    public (OptimizerResult Result, int Joined, (long Cell, double Value)[] Path) Descend(double[] start, BasinIndex index)
    {
        _index = index;
        _joined = -1;
        _path.Clear();
        var result = Minimizer.Minimize(Function, start, _map.Lower, _map.Upper, _watch);
        if (_joined < 0) result = Polish(result);
        return (result, _joined, _path.ToArray());
    }

    /// <summary>The objective at <paramref name="u"/> (free coordinates).</summary>
    public double ObjectiveAt(double[] u) => Function(u, _freeGradient);

    private bool Watch(ReadOnlySpan<double> x, double value)
    {
        long cell = _index!.Cell(x);
        _path.Add((cell, value));
        _joined = _index.Joined(cell, value);
        return _joined >= 0;
    }

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
    /// Evaluates the law at <c>_theta</c> into <c>_logPred</c> and <c>_jac</c> and writes the residuals. For log
    /// residuals ∂r/∂θ = ∂ln ŷ/∂θ and false is returned. A law that computes ŷ itself (<see cref="ScalingLaw.EvaluatesLinearly"/>)
    /// is evaluated in linear space for the other objectives: <c>_jac</c> holds ∂ŷ/∂θ, so linear residuals need no
    /// chain factor (false) and log1p residuals get 1/(1 + ŷ) in <c>_logPred</c> (true). Otherwise <c>_logPred</c> is
    /// overwritten with the chain factor ∂r/∂ln ŷ (ŷ for linear residuals, ŷ/(1 + ŷ) for log1p) and true is returned.
    /// </summary>
    private bool ResidualsAndChainFactor(Span<double> residuals)
    {
        if (_objective.Space != ResidualSpace.Log && _law.EvaluatesLinearly)
        {
            _law.Evaluate(_theta, _data, _logPred, _jac);
            if (_objective.Space == ResidualSpace.Linear)
            {
                TensorPrimitives.Subtract(_logPred, _data.Y, residuals);
                return false;
            }
            TensorPrimitives.LogP1(_logPred, residuals);
            TensorPrimitives.Subtract(residuals, _log1pY!, residuals);
            TensorPrimitives.Add(_logPred, 1.0, _logPred);
            TensorPrimitives.Reciprocal(_logPred, _logPred);
            return true;
        }
        _law.EvaluateLog(_theta, _data, _logPred, _jac);
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
