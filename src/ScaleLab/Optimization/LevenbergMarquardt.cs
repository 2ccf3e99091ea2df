namespace ScaleLab.Optimization;

/// <summary>
/// Levenberg–Marquardt for ½‖r(x)‖² with box bounds (Moré 1978, "The Levenberg–Marquardt algorithm:
/// implementation and theory"): each step solves the damped problem min ‖J δ + r‖² + λ‖D δ‖² by
/// Householder QR of the stacked matrix [J; √λ D] (D = column norms of J), never forming JᵀJ, so it
/// keeps working where the normal equations lose half the digits. Variables on a bound that the
/// gradient pushes outward are held for the step; other steps are clipped to the bounds.
/// </summary>
/// <remarks>
/// Used to finish least-squares fits after L-BFGS: on nearly exact data (noiseless recoveries, sharp
/// BNSL breaks beyond the data) the problem is so ill-conditioned that quasi-Newton steps stall while
/// Gauss–Newton steps still converge quadratically, as MINPACK's <c>lmder</c> behind SciPy's
/// <c>curve_fit</c> does. An instance holds its work arrays: use one per thread.
/// </remarks>
public sealed class LevenbergMarquardt
{
    private readonly int _n, _p;
    private readonly double[] _r, _j, _rNew, _jNew, _a, _b, _delta, _x, _xNew, _scale, _lower, _upper;
    private readonly bool[] _blocked;

    /// <summary>Creates a solver for <paramref name="points"/> residuals in <paramref name="dimension"/> variables.</summary>
    public LevenbergMarquardt(int points, int dimension)
    {
        _n = points;
        _p = dimension;
        _r = new double[points]; _rNew = new double[points];
        _j = new double[points * dimension]; _jNew = new double[points * dimension];
        _a = new double[(points + dimension) * dimension];
        _b = new double[points + dimension];
        _delta = new double[dimension]; _x = new double[dimension]; _xNew = new double[dimension];
        _scale = new double[dimension]; _lower = new double[dimension]; _upper = new double[dimension];
        _blocked = new bool[dimension];
    }

    /// <summary>Iteration limit (accepted and rejected steps).</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Stop when the relative decrease of ‖r‖² stays below this on three accepted steps.</summary>
    public double FunctionTolerance { get; init; } = 1e-14;

    /// <summary>Minimises ½‖r(x)‖² from <paramref name="start"/> within optional bounds.</summary>
    public OptimizerResult Minimize(ResidualFunction residuals, ReadOnlySpan<double> start, ReadOnlySpan<double> lower = default, ReadOnlySpan<double> upper = default)
    {
        int n = _n, p = _p;
        for (int k = 0; k < p; k++)
        {
            _lower[k] = lower.IsEmpty ? double.NegativeInfinity : lower[k];
            _upper[k] = upper.IsEmpty ? double.PositiveInfinity : upper[k];
            _x[k] = Math.Clamp(start[k], _lower[k], _upper[k]);
            _scale[k] = 0;
        }
        residuals(_x, _r, _j);
        int evaluations = 1;
        double f = HalfSquares(_r);
        if (!double.IsFinite(f) || !AllFinite(_j))
        {
            return new OptimizerResult((double[])_x.Clone(), double.IsFinite(f) ? f : double.PositiveInfinity, double.NaN, 0, evaluations, OptimizerExit.NonFiniteStart);
        }
        double lambda = 1e-3;
        int iteration = 0, smallDecreases = 0;
        var exit = OptimizerExit.MaxIterations;
        while (iteration < MaxIterations)
        {
            if (f == 0) { exit = OptimizerExit.ExactFit; break; }
            iteration++;
            for (int k = 0; k < p; k++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += _j[k * n + i] * _j[k * n + i];
                // Marquardt's scaling, kept from growing stale: never below the current column norm.
                _scale[k] = Math.Max(_scale[k], Math.Sqrt(s));
                // Active set: a variable on a bound whose gradient pushes outward stays there this step.
                double g = 0;
                for (int i = 0; i < n; i++) g += _j[k * n + i] * _r[i];
                _blocked[k] = (_x[k] <= _lower[k] && g > 0) || (_x[k] >= _upper[k] && g < 0);
            }
            SolveDamped(lambda);
            double stepNorm = 0, xNorm = 0;
            for (int k = 0; k < p; k++)
            {
                _xNew[k] = Math.Clamp(_x[k] + _delta[k], _lower[k], _upper[k]);
                stepNorm = Math.Max(stepNorm, Math.Abs(_xNew[k] - _x[k]));
                xNorm = Math.Max(xNorm, Math.Abs(_x[k]));
            }
            if (stepNorm <= 1e-15 * (1 + xNorm)) { exit = OptimizerExit.StepNegligible; break; }
            residuals(_xNew, _rNew, _jNew);
            evaluations++;
            double fNew = HalfSquares(_rNew);
            if (double.IsFinite(fNew) && fNew < f && AllFinite(_jNew))
            {
                double decrease = f - fNew;
                Array.Copy(_xNew, _x, p);
                Array.Copy(_rNew, _r, n);
                Array.Copy(_jNew, _j, _j.Length);
                f = fNew;
                lambda = Math.Max(lambda / 3, 1e-20);
                if (decrease <= FunctionTolerance * (f + decrease))
                {
                    if (++smallDecreases >= 3) { exit = OptimizerExit.FunctionConverged; break; }
                }
                else
                {
                    smallDecreases = 0;
                }
            }
            else
            {
                lambda *= 4;
                if (lambda > 1e20) { exit = OptimizerExit.StepNegligible; break; }
            }
        }
        if (f == 0) exit = OptimizerExit.ExactFit;
        double gradientNorm = 0;
        for (int k = 0; k < p; k++)
        {
            double g = 0;
            for (int i = 0; i < n; i++) g += _j[k * n + i] * _r[i];
            bool blocked = (_x[k] <= _lower[k] && g > 0) || (_x[k] >= _upper[k] && g < 0);
            if (!blocked) gradientNorm = Math.Max(gradientNorm, Math.Abs(g));
        }
        return new OptimizerResult((double[])_x.Clone(), f, gradientNorm, iteration, evaluations, exit);
    }

    /// <summary>δ = argmin ‖J δ + r‖² + λ‖D δ‖² by Householder QR of the (n + p) × p stacked matrix.</summary>
    private void SolveDamped(double lambda)
    {
        int n = _n, p = _p, m = n + p;
        // Column-major stacked matrix A = [J; √λ D] and right-hand side b = [−r; 0].
        for (int k = 0; k < p; k++)
        {
            if (_blocked[k]) Array.Clear(_a, k * m, n);
            else Array.Copy(_j, k * n, _a, k * m, n);
            for (int i = 0; i < p; i++) _a[k * m + n + i] = i == k ? Math.Sqrt(lambda) * Math.Max(_scale[k], 1e-300) : 0;
        }
        for (int i = 0; i < n; i++) _b[i] = -_r[i];
        for (int i = n; i < m; i++) _b[i] = 0;
        for (int k = 0; k < p; k++)
        {
            int col = k * m;
            double norm = 0;
            for (int i = k; i < m; i++) norm += _a[col + i] * _a[col + i];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            double alpha = _a[col + k] > 0 ? -norm : norm;
            // Householder vector v = a_k − alpha·e_k stored in place of column k (rows k..m).
            _a[col + k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++) vv += _a[col + i] * _a[col + i];
            if (vv == 0) { _a[col + k] = alpha; continue; }
            for (int c = k + 1; c < p; c++)
            {
                int other = c * m;
                double dot = 0;
                for (int i = k; i < m; i++) dot += _a[col + i] * _a[other + i];
                double t = 2 * dot / vv;
                for (int i = k; i < m; i++) _a[other + i] -= t * _a[col + i];
            }
            double db = 0;
            for (int i = k; i < m; i++) db += _a[col + i] * _b[i];
            double tb = 2 * db / vv;
            for (int i = k; i < m; i++) _b[i] -= tb * _a[col + i];
            _a[col + k] = alpha; // R's diagonal
        }
        for (int k = p - 1; k >= 0; k--)
        {
            double s = _b[k];
            for (int c = k + 1; c < p; c++) s -= _a[c * m + k] * _delta[c];
            double diag = _a[k * m + k];
            _delta[k] = diag != 0 ? s / diag : 0;
        }
    }

    private static double HalfSquares(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (var v in r) s += v * v;
        return 0.5 * s;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
