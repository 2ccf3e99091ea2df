using ScaleLab.Numerics;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Bias-corrected and accelerated bootstrap interval (Efron 1987; Efron &amp; Tibshirani 1993, §14.3).
/// The percentile levels are shifted by the bias correction z₀ = Φ⁻¹(share of replicates below the
/// estimate) and the acceleration a = Σd³ / (6 (Σd²)^{3/2}) from jackknife deviations d, which
/// corrects the percentile interval when the sampling distribution is skewed, as it is for the
/// scale parameters A and B of the Chinchilla law.
/// </summary>
public static class BcaInterval
{
    /// <summary>
    /// The interval from bootstrap replicates, the full-data estimate and leave-one-out (or
    /// leave-one-cluster-out) jackknife values of the same quantity.
    /// </summary>
    public static Interval Compute(ReadOnlySpan<double> replicates, double estimate, ReadOnlySpan<double> jackknife, double level)
    {
        PercentileInterval.ValidateLevel(level);
        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        int below = 0, equal = 0;
        foreach (var r in sorted)
        {
            if (r < estimate) below++;
            else if (r == estimate) equal++;
        }
        // Ties count half, so a degenerate (constant) statistic gets no spurious bias correction.
        double share = (below + 0.5 * equal) / sorted.Length;
        share = Math.Clamp(share, 0.5 / sorted.Length, 1 - 0.5 / sorted.Length);
        double z0 = StatisticalFunctions.NormalQuantile(share);
        double acceleration = Acceleration(jackknife);
        double lowerP = AdjustedLevel(z0, acceleration, StatisticalFunctions.NormalQuantile((1 - level) / 2));
        double upperP = AdjustedLevel(z0, acceleration, StatisticalFunctions.NormalQuantile((1 + level) / 2));
        return new Interval(
            Quantile.OfSorted(sorted, lowerP),
            Quantile.OfSorted(sorted, upperP),
            level, "bca") { Samples = sorted.Length };
    }

    /// <summary>The acceleration constant from jackknife values (0 when they do not vary).</summary>
    public static double Acceleration(ReadOnlySpan<double> jackknife)
    {
        if (jackknife.Length < 2) return 0;
        double mean = 0;
        foreach (var v in jackknife) mean += v;
        mean /= jackknife.Length;
        double s2 = 0, s3 = 0;
        foreach (var v in jackknife)
        {
            double d = mean - v;
            s2 += d * d;
            s3 += d * d * d;
        }
        return s2 > 0 ? s3 / (6 * Math.Pow(s2, 1.5)) : 0;
    }

    private static double AdjustedLevel(double z0, double acceleration, double z)
    {
        double shifted = z0 + z;
        double denominator = 1 - acceleration * shifted;
        if (denominator <= 0) return shifted > 0 ? 1 : 0;
        return StatisticalFunctions.NormalCdf(z0 + shifted / denominator);
    }
}
