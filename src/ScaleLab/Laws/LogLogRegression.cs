using System.Numerics.Tensors;

namespace ScaleLab.Laws;

/// <summary>Ordinary least squares of one log quantity on another, used to place starting points.</summary>
internal static class LogLogRegression
{
    /// <summary>Intercept and slope of y ≈ intercept + slope·x; NaN when x has no spread or y is not finite.</summary>
    public static (double Intercept, double Slope) Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = TensorPrimitives.Average(x), my = TensorPrimitives.Average(y);
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0) || !double.IsFinite(sxy)) return (double.NaN, double.NaN);
        double slope = sxy / sxx;
        return (my - slope * mx, slope);
    }
}
