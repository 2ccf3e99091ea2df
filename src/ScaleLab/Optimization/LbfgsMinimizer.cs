using System.Runtime.CompilerServices;

namespace ScaleLab.Optimization;

/// <summary>
/// Limited-memory BFGS with box bounds (Nocedal &amp; Wright 2006, Alg. 7.4 two-loop recursion with a
/// strong-Wolfe line search, Alg. 3.5–3.6). Bounds are handled by an active set: coordinates at a
/// bound whose gradient pushes outward are frozen for the iteration, and steps are capped at the
/// first bound they meet.
/// </summary>
/// <remarks>
/// Every stopping test is relative (to |f| and |x|), so multiplying the objective by a constant,
/// for example averaging instead of summing, does not move the optimum it stops at. An instance
/// holds its work arrays: use one per thread.
/// </remarks>
public sealed class LbfgsMinimizer
{
    private readonly int _n;
    private readonly int _m;
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alphaBuf;
    private readonly double[] _x, _g, _d, _xNew, _gNew, _lower, _upper;
    private readonly bool[] _free;

    /// <summary>Creates a minimizer for <paramref name="dimension"/> variables keeping <paramref name="memory"/> pairs.</summary>
    public LbfgsMinimizer(int dimension, int memory = 10)
    {
        _n = dimension;
        _m = memory;
        _s = new double[memory][];
        _y = new double[memory][];
        for (int i = 0; i < memory; i++) { _s[i] = new double[dimension]; _y[i] = new double[dimension]; }
        _rho = new double[memory];
        _alphaBuf = new double[memory];
        _x = new double[dimension]; _g = new double[dimension]; _d = new double[dimension];
        _xNew = new double[dimension]; _gNew = new double[dimension];
        _lower = new double[dimension]; _upper = new double[dimension];
        _free = new bool[dimension];
    }

    /// <summary>Iteration limit.</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>Stop when (f_k − f_{k+1}) ≤ tol·|f_k| on this many consecutive iterations.</summary>
    public double FunctionTolerance { get; init; } = 1e-14;

    /// <summary>How many consecutive small decreases end the run.</summary>
    public int ConsecutiveSmallDecreases { get; init; } = 3;

    /// <summary>
    /// Interpolation steps the line search may take inside a bracket before giving up; past a few
    /// the objective differences are rounding noise near a minimum.
    /// </summary>
    public int MaxZoomSteps { get; init; } = 10;

    /// <summary>Stop when ‖projected ∇f‖∞ ≤ tol·|f|.</summary>
    public double GradientTolerance { get; init; } = 1e-10;

    /// <summary>
    /// Relative size of the rounding error of f: a steepest-descent line search that fails where the
    /// promised decrease is below this times |f| ends with <see cref="OptimizerExit.RoundingLevel"/>.
    /// </summary>
    private const double RoundingLevel = 1e-13;

    /// <summary>Stop when ‖Δx‖∞ ≤ tol·(1 + ‖x‖∞).</summary>
    public double StepTolerance { get; init; } = 1e-15;

    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/> within optional bounds (null: unbounded).</summary>
    public OptimizerResult Minimize(ObjectiveFunction f, ReadOnlySpan<double> start, ReadOnlySpan<double> lower = default, ReadOnlySpan<double> upper = default) =>
        Minimize(f, start, lower, upper, null);

    /// <summary>As <see cref="Minimize(ObjectiveFunction, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>, with <paramref name="monitor"/> told of every accepted iteration and able to end the run.</summary>
    public OptimizerResult Minimize(ObjectiveFunction f, ReadOnlySpan<double> start, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, IterationMonitor? monitor)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            _lower[i] = lower.IsEmpty ? double.NegativeInfinity : lower[i];
            _upper[i] = upper.IsEmpty ? double.PositiveInfinity : upper[i];
            _x[i] = Math.Clamp(start[i], _lower[i], _upper[i]);
        }
        int evaluations = 1;
        double fx = f(_x, _g);
        if (!double.IsFinite(fx))
        {
            return new OptimizerResult((double[])_x.Clone(), fx, double.NaN, 0, evaluations, OptimizerExit.NonFiniteStart);
        }
        int stored = 0, head = 0, iteration = 0, smallDecreases = 0;
        var exit = OptimizerExit.MaxIterations;
        double gnorm = ProjectedGradientNorm();
        while (iteration < MaxIterations)
        {
            if (fx == 0) { exit = OptimizerExit.ExactFit; break; }
            if (gnorm <= GradientTolerance * Math.Abs(fx)) { exit = OptimizerExit.GradientSmall; break; }
            iteration++;

            // Direction: two-loop recursion on the free coordinates.
            for (int i = 0; i < n; i++) _d[i] = _free[i] ? -_g[i] : 0;
            // Pairs newest to oldest, then back; ring indices wrap without a division.
            int k = stored;
            int idx = head;
            for (int j = 0; j < k; j++)
            {
                idx = idx == 0 ? _m - 1 : idx - 1;
                double a = _rho[idx] * Dot(_s[idx], _d);
                _alphaBuf[idx] = a;
                Axpy(-a, _y[idx], _d);
            }
            if (k > 0)
            {
                int last = head == 0 ? _m - 1 : head - 1;
                double gamma = 1.0 / (_rho[last] * Dot(_y[last], _y[last]));
                for (int i = 0; i < n; i++) _d[i] *= gamma;
            }
            for (int j = 0; j < k; j++)
            {
                double b = _rho[idx] * Dot(_y[idx], _d);
                Axpy(_alphaBuf[idx] - b, _s[idx], _d);
                idx = idx == _m - 1 ? 0 : idx + 1;
            }
            for (int i = 0; i < n; i++)
            {
                if (!_free[i] || (_x[i] <= _lower[i] && _d[i] < 0) || (_x[i] >= _upper[i] && _d[i] > 0)) _d[i] = 0;
            }

            double slope = Dot(_g, _d);
            if (!(slope < 0))
            {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) _d[i] = _free[i] ? -_g[i] : 0;
                slope = Dot(_g, _d);
                if (!(slope < 0)) { exit = OptimizerExit.GradientSmall; break; }
            }

            double tMax = MaxStep();
            double t0 = stored == 0 ? Math.Min(1.0, 1.0 / Math.Max(NormInf(_d), 1e-300)) : 1.0;
            t0 = Math.Min(t0, tMax);
            var (ok, t, fNew, evals) = LineSearch(f, fx, slope, t0, tMax);
            evaluations += evals;
            if (!ok)
            {
                if (stored > 0) { stored = 0; iteration--; if (iteration >= MaxIterations) break; continue; }
                // Steepest descent found no decrease. When even the first-order decrease the gradient
                // promises over the first trial step is at the rounding level of f, no measurable decrease
                // exists: x is the optimum to the precision f is computed with, however large the gradient
                // looks relative to f (ill-conditioned valleys, e.g. Chinchilla's A–alpha direction).
                // The minimum along the ray lies before the first step where f turned uphill (or the first trial).
                exit = -slope * Math.Min(t0, _uphill) <= RoundingLevel * Math.Abs(fx) ? OptimizerExit.RoundingLevel : OptimizerExit.LineSearchFailed;
                break;
            }

            // Accept: s = xNew − x, y = gNew − g.
            var sv = _s[head];
            var yv = _y[head];
            double stepNorm = 0, xNorm = 0;
            for (int i = 0; i < n; i++)
            {
                sv[i] = _xNew[i] - _x[i];
                yv[i] = _gNew[i] - _g[i];
                stepNorm = Math.Max(stepNorm, Math.Abs(sv[i]));
                xNorm = Math.Max(xNorm, Math.Abs(_xNew[i]));
            }
            double sy = Dot(sv, yv);
            if (sy > 1e-12 * Math.Sqrt(Dot(sv, sv) * Dot(yv, yv)) && sy > 0)
            {
                _rho[head] = 1.0 / sy;
                head = head == _m - 1 ? 0 : head + 1;
                stored = Math.Min(stored + 1, _m);
            }
            double decrease = fx - fNew;
            Array.Copy(_xNew, _x, n);
            Array.Copy(_gNew, _g, n);
            fx = fNew;
            gnorm = ProjectedGradientNorm();
            if (decrease <= FunctionTolerance * Math.Abs(fx + decrease))
            {
                if (++smallDecreases >= ConsecutiveSmallDecreases) { exit = OptimizerExit.FunctionConverged; break; }
            }
            else
            {
                smallDecreases = 0;
            }
            if (stepNorm <= StepTolerance * (1 + xNorm)) { exit = OptimizerExit.StepNegligible; break; }
            if (monitor is not null && monitor(_x, fx)) break;
        }
        if (exit == OptimizerExit.MaxIterations && fx == 0) exit = OptimizerExit.ExactFit;
        return new OptimizerResult((double[])_x.Clone(), fx, gnorm, iteration, evaluations, exit);
    }

    /// <summary>Smallest step of the current line search where f was finite and rising along the ray.</summary>
    private double _uphill;

    private (bool Ok, double T, double F, int Evals) LineSearch(ObjectiveFunction f, double f0, double slope0, double t, double tMax)
    {
        _uphill = double.PositiveInfinity;
        const double c1 = 1e-4, c2 = 0.9;
        double tPrev = 0, fPrev = f0, dPrev = slope0;
        int evals = 0;
        for (int iter = 0; iter < 40; iter++)
        {
            double ft = Trial(f, t, out double dt);
            evals++;
            if (!double.IsFinite(ft) || ft > f0 + c1 * t * slope0 || (iter > 0 && ft >= fPrev))
            {
                return Zoom(f, f0, slope0, tPrev, fPrev, dPrev, t, ft, dt, evals);
            }
            if (Math.Abs(dt) <= -c2 * slope0) return (true, t, ft, evals);
            if (dt >= 0) return Zoom(f, f0, slope0, t, ft, dt, tPrev, fPrev, dPrev, evals);
            if (t >= tMax) return (true, t, ft, evals);
            tPrev = t; fPrev = ft; dPrev = dt;
            t = Math.Min(4 * t, tMax);
        }
        // Kept decreasing along the ray: accept the last point (recompute it into the trial buffers).
        double fl = Trial(f, tPrev, out _);
        return (fl < f0, tPrev, fl, evals + 1);
    }

    private (bool Ok, double T, double F, int Evals) Zoom(ObjectiveFunction f, double f0, double slope0,
        double tLo, double fLo, double dLo, double tHi, double fHi, double dHi, int evals)
    {
        const double c1 = 1e-4, c2 = 0.9;
        for (int iter = 0; iter < MaxZoomSteps; iter++)
        {
            double t = Interpolate(tLo, fLo, dLo, tHi, fHi, dHi);
            double ft = Trial(f, t, out double dt);
            evals++;
            if (!double.IsFinite(ft) || ft > f0 + c1 * t * slope0 || ft >= fLo)
            {
                tHi = t; fHi = ft; dHi = dt;
            }
            else
            {
                if (Math.Abs(dt) <= -c2 * slope0) return (true, t, ft, evals);
                if (dt * (tHi - tLo) >= 0) { tHi = tLo; fHi = fLo; dHi = dLo; }
                tLo = t; fLo = ft; dLo = dt;
            }
            if (Math.Abs(tHi - tLo) <= 1e-12 * Math.Max(tLo, tHi)) break;
        }
        if (tLo > 0 && fLo < f0)
        {
            // The sufficient-decrease point without the curvature condition: still progress.
            double fl = Trial(f, tLo, out _);
            return (true, tLo, fl, evals + 1);
        }
        return (false, 0, f0, evals);
    }

    private static double Interpolate(double t0, double f0, double d0, double t1, double f1, double d1)
    {
        double lo = Math.Min(t0, t1), hi = Math.Max(t0, t1), width = hi - lo;
        if (double.IsFinite(f1) && double.IsFinite(d1))
        {
            // Cubic interpolation through both ends (Nocedal & Wright eq. 3.59).
            double e1 = d0 + d1 - 3 * (f0 - f1) / (t0 - t1);
            double disc = e1 * e1 - d0 * d1;
            if (disc >= 0)
            {
                double e2 = Math.Sign(t1 - t0) * Math.Sqrt(disc);
                double t = t1 - (t1 - t0) * (d1 + e2 - e1) / (d1 - d0 + 2 * e2);
                if (double.IsFinite(t) && t > lo + 0.1 * width && t < hi - 0.1 * width) return t;
            }
        }
        return lo + 0.5 * width;
    }

    private double Trial(ObjectiveFunction f, double t, out double slope)
    {
        for (int i = 0; i < _n; i++) _xNew[i] = Math.Clamp(_x[i] + t * _d[i], _lower[i], _upper[i]);
        double ft = f(_xNew, _gNew);
        slope = Dot(_gNew, _d);
        if (double.IsFinite(ft) && slope >= 0 && t < _uphill) _uphill = t;
        return ft;
    }

    private double MaxStep()
    {
        double tMax = double.PositiveInfinity;
        for (int i = 0; i < _n; i++)
        {
            if (_d[i] > 0 && double.IsFinite(_upper[i])) tMax = Math.Min(tMax, (_upper[i] - _x[i]) / _d[i]);
            else if (_d[i] < 0 && double.IsFinite(_lower[i])) tMax = Math.Min(tMax, (_lower[i] - _x[i]) / _d[i]);
        }
        return tMax > 0 ? tMax : double.PositiveInfinity;
    }

    private double ProjectedGradientNorm()
    {
        double norm = 0;
        for (int i = 0; i < _n; i++)
        {
            _free[i] = !HeldAtBound(_x[i], _g[i], _lower[i], _upper[i]);
            if (_free[i]) norm = Math.Max(norm, Math.Abs(_g[i]));
        }
        return norm;
    }

    /// <summary>True when <paramref name="x"/> sits on a bound that the gradient <paramref name="g"/> pushes it against.</summary>
    internal static bool HeldAtBound(double x, double g, double lower, double upper) => (x <= lower && g > 0) || (x >= upper && g < 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }

    private static double NormInf(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
