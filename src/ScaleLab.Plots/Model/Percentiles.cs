namespace ScaleLab.Plots.Model;

/// <summary>Percentiles of bootstrap samples for bands and intervals (linear interpolation between order statistics, NumPy's default).</summary>
internal static class Percentiles
{
    /// <summary>Fewer samples than this give no band: a 10–90 % interval from a handful of refits is noise.</summary>
    public const int MinimumSamples = 20;

    /// <summary>The q-quantile (q in [0, 1]) of <paramref name="values"/>, which is sorted in place.</summary>
    public static double Quantile(double[] values, double q)
    {
        Array.Sort(values);
        double h = (values.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, values.Length - 1);
        return values[lo] + (h - lo) * (values[hi] - values[lo]);
    }

    /// <summary>The central interval with the given coverage, e.g. 0.8 → (10th, 90th) percentiles.</summary>
    public static (double Low, double High) Central(double[] values, double level)
    {
        double tail = (1 - level) / 2;
        return (Quantile(values, tail), Quantile(values, 1 - tail));
    }
}
