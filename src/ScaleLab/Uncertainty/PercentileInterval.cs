using ScaleLab.Numerics;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Percentile bootstrap interval (Efron &amp; Tibshirani 1993, §13.3): the (1−level)/2 and
/// (1+level)/2 sample quantiles of the bootstrap replicates. The 80 % interval is the 10–90 %
/// percentiles Hoffmann et al. and Besiroglu et al. report.
/// </summary>
public static class PercentileInterval
{
    /// <summary>The interval from bootstrap replicates (non-finite replicates are not allowed: filter failed fits first).</summary>
    public static Interval Compute(ReadOnlySpan<double> replicates, double level)
    {
        ValidateLevel(level);
        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        return new Interval(
            Quantile.OfSorted(sorted, (1 - level) / 2),
            Quantile.OfSorted(sorted, (1 + level) / 2),
            level, "percentile") { Samples = sorted.Length };
    }

    internal static void ValidateLevel(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), $"level must be between 0 and 1 (exclusive), got {level}");
    }
}
