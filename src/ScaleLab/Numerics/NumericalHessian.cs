using ScaleLab.Optimization;

namespace ScaleLab.Numerics;

/// <summary>Hessians from central differences of an analytic gradient.</summary>
public static class NumericalHessian
{
    /// <summary>
    /// The symmetrised Hessian of <paramref name="f"/> at <paramref name="x"/>: column k is
    /// (∇f(x + h_k e_k) − ∇f(x − h_k e_k)) / 2h_k with h_k = 1e-5·max(1, |x_k|).
    /// </summary>
    public static double[,] OfGradient(ObjectiveFunction f, ReadOnlySpan<double> x)
    {
        int m = x.Length;
        var hessian = new double[m, m];
        var point = x.ToArray();
        var gPlus = new double[m];
        var gMinus = new double[m];
        for (int k = 0; k < m; k++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(x[k]));
            point[k] = x[k] + h;
            f(point, gPlus);
            point[k] = x[k] - h;
            f(point, gMinus);
            point[k] = x[k];
            for (int i = 0; i < m; i++) hessian[i, k] = (gPlus[i] - gMinus[i]) / (2 * h);
        }
        for (int i = 0; i < m; i++)
        for (int k = i + 1; k < m; k++)
        {
            double s = 0.5 * (hessian[i, k] + hessian[k, i]);
            hessian[i, k] = s;
            hessian[k, i] = s;
        }
        return hessian;
    }
}
