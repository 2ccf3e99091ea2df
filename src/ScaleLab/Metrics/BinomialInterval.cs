using ScaleLab.Uncertainty;

namespace ScaleLab.Metrics;

/// <summary>
/// Intervals for a proportion measured on a finite number of trials (correct answers out of n questions, problems
/// solved out of P): the Wilson score interval, which stays inside [0, 1] and keeps its coverage near 0 and 1 where
/// the normal approximation p ± z·√(p(1 − p)/n) does not (Wilson 1927; Brown, Cai &amp; DasGupta 2001).
/// </summary>
public static class BinomialInterval
{
    /// <summary>The Wilson interval at <paramref name="level"/> for an observed proportion <paramref name="proportion"/> of <paramref name="trials"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No trials, a proportion outside [0, 1], or a level outside (0, 1).</exception>
    public static Interval Wilson(double proportion, double trials, double level)
    {
        if (!(trials > 0)) throw new ArgumentOutOfRangeException(nameof(trials), "at least one trial is needed");
        if (!(proportion >= 0 && proportion <= 1)) throw new ArgumentOutOfRangeException(nameof(proportion), "a proportion is in [0, 1]");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "the level is in (0, 1)");
        double z = StatisticalFunctions.NormalQuantile(0.5 + level / 2), z2 = z * z;
        double denominator = 1 + z2 / trials;
        double centre = (proportion + z2 / (2 * trials)) / denominator;
        double half = z * Math.Sqrt(proportion * (1 - proportion) / trials + z2 / (4 * trials * trials)) / denominator;
        // At 0 (or all) successes an end is exactly 0 (or 1); the formula leaves a rounding residue there.
        double lower = proportion == 0 ? 0 : Math.Max(0, centre - half), upper = proportion == 1 ? 1 : Math.Min(1, centre + half);
        return new Interval(lower, upper, level, "wilson");
    }

    /// <summary>The binomial standard error √(p(1 − p)/n) of a proportion.</summary>
    public static double StandardError(double proportion, double trials) => Math.Sqrt(proportion * (1 - proportion) / trials);
}
