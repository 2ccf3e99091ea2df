namespace ScaleLab.Metrics;

/// <summary>
/// The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on Code",
/// arXiv:2107.03374, §2.1): from n samples of which c are correct, the probability that k samples drawn without
/// replacement contain a correct one, 1 − C(n − c, k)/C(n, k), computed as 1 − Π_{i = n−c+1}^{n} (1 − k/i) so that no
/// binomial coefficient overflows. Coverage at k (Brown et al. 2024) is its mean over problems.
/// </summary>
public static class PassAtK
{
    /// <summary>pass@k for one problem with <paramref name="samples"/> samples of which <paramref name="correct"/> are correct.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..n, or c outside 0..n.</exception>
    public static double Estimate(int samples, int correct, int k)
    {
        if (k < 1 || k > samples) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} must be in 1..n = {samples}");
        if (correct < 0 || correct > samples) throw new ArgumentOutOfRangeException(nameof(correct), $"c = {correct} must be in 0..n = {samples}");
        if (samples - correct < k) return 1;
        double fail = 1;
        for (int i = samples - correct + 1; i <= samples; i++) fail *= 1 - (double)k / i;
        return 1 - fail;
    }

    /// <summary>
    /// Coverage at each k of <paramref name="ks"/> over the problems with at least k samples, with its binomial standard
    /// error and Wilson interval at <paramref name="level"/> over those problems.
    /// </summary>
    /// <exception cref="ArgumentException">No problem has k samples for some k.</exception>
    public static IReadOnlyList<CoveragePoint> Curve(IReadOnlyList<(int Samples, int Correct)> problems, IReadOnlyList<int> ks, double level = 0.95)
    {
        var result = new List<CoveragePoint>(ks.Count);
        foreach (var k in ks)
        {
            double sum = 0;
            int count = 0;
            foreach (var (n, c) in problems)
            {
                if (n < k) continue;
                sum += Estimate(n, c, k);
                count++;
            }
            if (count == 0) throw new ArgumentException($"no problem has {k} or more samples");
            double coverage = sum / count;
            result.Add(new CoveragePoint(k, coverage, BinomialInterval.StandardError(coverage, count), BinomialInterval.Wilson(coverage, count, level), count));
        }
        return result;
    }
}
