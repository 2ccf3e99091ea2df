using System.Numerics.Tensors;

namespace ScaleLab.Numerics;

/// <summary>
/// Ordinary least squares of y on x, y ≈ intercept + slope·x. Scaling work runs it on logs: the log-log slope
/// of a power law (a law's starting point), and ln N* = ln k + a·ln C for the compute-optimal allocation of
/// Hoffmann et al. 2022's approaches 1 and 2.
/// </summary>
/// <param name="Slope">The slope (NaN when x has no spread or the sums are not finite).</param>
/// <param name="Intercept">The intercept (NaN likewise).</param>
/// <param name="SlopeStandardError">Standard error of the slope from the residual variance on n − 2 degrees of freedom (NaN with two points).</param>
/// <param name="RSquared">Coefficient of determination (1 when y does not vary).</param>
/// <param name="Count">Points fitted.</param>
public readonly record struct LinearFit(double Slope, double Intercept, double SlopeStandardError, double RSquared, int Count)
{
    /// <summary>Fits y on x; the spans have the same length.</summary>
    public static LinearFit Of(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"{x.Length} x values but {y.Length} y values");
        int n = x.Length;
        if (n < 2) return Undetermined(n);
        double mx = TensorPrimitives.Average(x), my = TensorPrimitives.Average(y);
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (!(sxx > 0) || !double.IsFinite(sxy)) return Undetermined(n);
        double slope = sxy / sxx;
        double sse = Math.Max(syy - slope * sxy, 0);
        double se = n > 2 ? Math.Sqrt(sse / (n - 2) / sxx) : double.NaN;
        double r2 = syy > 0 ? 1 - sse / syy : 1;
        return new LinearFit(slope, my - slope * mx, se, r2, n);
    }

    private static LinearFit Undetermined(int n) => new(double.NaN, double.NaN, double.NaN, double.NaN, n);
}
