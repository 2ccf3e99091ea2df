namespace ScaleLab.Optimization;

/// <summary>
/// One-dimensional minimisation: a coarse scan to bracket the global minimum of the sampled range,
/// then Brent's method (parabolic interpolation with golden-section safeguard; Brent 1973, ch. 5)
/// inside that bracket. Used by the planners, whose objectives are smooth in ln N but need not be
/// unimodal over a wide range.
/// </summary>
public static class BrentMinimizer
{
    private const double GoldenSection = 0.3819660112501051;

    /// <summary>
    /// Minimises <paramref name="f"/> over [<paramref name="lower"/>, <paramref name="upper"/>]:
    /// samples <paramref name="scanPoints"/> evenly spaced points, then refines around the best one
    /// until the bracket is below <paramref name="tolerance"/>·(1 + |x|) or f stops changing at machine precision.
    /// Non-finite values of f count as +∞ (outside the function's domain).
    /// </summary>
    public static ScalarMinimum Minimize(Func<double, double> f, double lower, double upper, int scanPoints = 401, double tolerance = 1e-12)
    {
        if (!(lower < upper)) throw new ArgumentException("the search interval needs lower < upper");
        if (scanPoints < 3) throw new ArgumentOutOfRangeException(nameof(scanPoints), "need at least 3 scan points");
        double step = (upper - lower) / (scanPoints - 1);
        int best = -1;
        double bestValue = double.PositiveInfinity;
        int evaluations = 0;
        for (int i = 0; i < scanPoints; i++)
        {
            double v = Safe(f(lower + i * step));
            evaluations++;
            if (v < bestValue) { bestValue = v; best = i; }
        }
        if (best < 0) return new ScalarMinimum(double.NaN, double.NaN, evaluations, AtEdge: false, Found: false);
        bool atEdge = best == 0 || best == scanPoints - 1;
        double a = lower + Math.Max(best - 1, 0) * step;
        double b = lower + Math.Min(best + 1, scanPoints - 1) * step;
        var (x, fx, n) = Brent(f, a, b, lower + best * step, bestValue, tolerance);
        return new ScalarMinimum(x, fx, evaluations + n, atEdge, Found: true);
    }

    private static double Safe(double v) => double.IsFinite(v) ? v : double.PositiveInfinity;

    // Brent's localmin with the starting point x (already evaluated) inside [a, b].
    private static (double X, double F, int Evaluations) Brent(Func<double, double> f, double a, double b, double x, double fx, double tolerance)
    {
        double w = x, v = x, fw = fx, fv = fx, d = 0, e = 0;
        int evaluations = 0;
        for (int iter = 0; iter < 500; iter++)
        {
            double m = 0.5 * (a + b);
            double tol1 = tolerance * (1 + Math.Abs(x)) + 1e-300;
            double tol2 = 2 * tol1;
            if (Math.Abs(x - m) <= tol2 - 0.5 * (b - a)) break;
            bool golden = true;
            if (Math.Abs(e) > tol1)
            {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                double eOld = e;
                e = d;
                if (Math.Abs(p) < Math.Abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x))
                {
                    d = p / q;
                    double u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2) d = x < m ? tol1 : -tol1;
                    golden = false;
                }
            }
            if (golden)
            {
                e = (x < m ? b : a) - x;
                d = GoldenSection * e;
            }
            double u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            double fu = Safe(f(u));
            evaluations++;
            if (fu <= fx)
            {
                if (u < x) b = x; else a = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        return (x, fx, evaluations);
    }
}
