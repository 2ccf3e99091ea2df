namespace ScaleLab.Planning;

/// <summary>Ordinary least squares of y on x (used on logs: ln N* = intercept + a·ln C).</summary>
internal readonly record struct LogLinearFit(double Slope, double Intercept, double SlopeStandardError, double RSquared, int Count)
{
    public static LogLinearFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2) return new LogLinearFit(double.NaN, double.NaN, double.NaN, double.NaN, n);
        double mx = x.Average(), my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx <= 0) return new LogLinearFit(double.NaN, double.NaN, double.NaN, double.NaN, n);
        double slope = sxy / sxx, intercept = my - slope * mx;
        double sse = Math.Max(syy - slope * sxy, 0);
        double se = n > 2 ? Math.Sqrt(sse / (n - 2) / sxx) : double.NaN;
        double r2 = syy > 0 ? 1 - sse / syy : 1;
        return new LogLinearFit(slope, intercept, se, r2, n);
    }
}
