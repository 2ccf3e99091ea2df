namespace ScaleLab.Numerics;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics: Hyndman &amp; Fan 1996's type 7,
/// the default of NumPy (<c>np.quantile</c>), R (<c>quantile</c>) and SciPy, so that percentile intervals
/// agree with the scripts published beside scaling-law papers. For n sorted values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎
/// and p in [0, 1]: h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). Every quantile,
/// percentile interval and band in ScaleLab is computed here.
/// </summary>
public static class Quantile
{
    /// <summary>The p-quantile of values already sorted ascending (p is clamped to [0, 1]); NaN for no values.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The p-quantile of unsorted values (copied and sorted; the input is left as it is).</summary>
    public static double Of(ReadOnlySpan<double> values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }

    /// <summary>
    /// The central interval holding <paramref name="level"/> of the values: the (1 − level)/2 and (1 + level)/2
    /// quantiles (0.8 gives the 10th and 90th percentiles). The values are copied and sorted.
    /// </summary>
    public static (double Lower, double Upper) Central(ReadOnlySpan<double> values, double level)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return (OfSorted(sorted, (1 - level) / 2), OfSorted(sorted, (1 + level) / 2));
    }
}
