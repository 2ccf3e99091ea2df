using ScaleLab.Metrics;
using ScaleLab.Tests.Laws;

namespace ScaleLab.Tests.Metrics;

/// <summary>The unbiased pass@k estimator (Chen et al. 2021) and the binomial intervals of coverage.</summary>
public class PassAtKTests
{
    private static double Choose(int n, int k)
    {
        double result = 1;
        for (int i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return result;
    }

    [Theory]
    [InlineData(10, 3, 1)]
    [InlineData(10, 3, 5)]
    [InlineData(20, 0, 4)]
    [InlineData(20, 20, 4)]
    [InlineData(50, 7, 44)]
    public void Estimate_IsOneMinusTheHypergeometricMiss(int n, int c, int k)
    {
        double exact = n - c < k ? 1 : 1 - Choose(n - c, k) / Choose(n, k);
        LawFormulaTests.AssertRelative(exact, PassAtK.Estimate(n, c, k), 1e-12);
        if (k == 1) LawFormulaTests.AssertRelative((double)c / n, PassAtK.Estimate(n, c, 1), 1e-15);
    }

    [Theory]
    [InlineData(20, 0.1, 5)]
    [InlineData(100, 0.02, 10)]
    [InlineData(30, 0.5, 30)]
    public void Estimate_IsUnbiased(int n, double p, int k)
    {
        // Over c ~ Binomial(n, p), the estimator's mean is the chance that k fresh samples contain a correct one, 1 − (1 − p)^k.
        double mean = 0;
        for (int c = 0; c <= n; c++) mean += Choose(n, c) * Math.Pow(p, c) * Math.Pow(1 - p, n - c) * PassAtK.Estimate(n, c, k);
        LawFormulaTests.AssertRelative(1 - Math.Pow(1 - p, k), mean, 1e-10);
    }

    [Fact]
    public void Estimate_RejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(10, 11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(10, 3, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(10, 3, 0));
    }

    [Fact]
    public void Wilson_MatchesTheTextbookInterval()
    {
        // 50 successes of 100 at 95 %: [0.4038, 0.5962] (Wilson 1927; Brown, Cai & DasGupta 2001).
        var interval = BinomialInterval.Wilson(0.5, 100, 0.95);
        Assert.Equal(0.4038, interval.Lower, 0.0001);
        Assert.Equal(0.5962, interval.Upper, 0.0001);
        // At 0 of 10 the interval starts at 0 and is not degenerate.
        var zero = BinomialInterval.Wilson(0, 10, 0.95);
        Assert.Equal(0, zero.Lower);
        Assert.Equal(0.2775, zero.Upper, 0.0001);
    }

    [Fact]
    public void Curve_AveragesOverProblems_WithBinomialUncertainty()
    {
        var problems = new[] { (10, 0), (10, 5), (10, 10), (4, 1) };
        var curve = PassAtK.Curve(problems, [1, 8], 0.9);
        LawFormulaTests.AssertRelative((0 + 0.5 + 1 + 0.25) / 4, curve[0].Coverage, 1e-15);
        Assert.Equal(4, curve[0].Problems);
        // The problem with 4 samples cannot say anything about k = 8.
        Assert.Equal(3, curve[1].Problems);
        LawFormulaTests.AssertRelative((0 + PassAtK.Estimate(10, 5, 8) + 1) / 3, curve[1].Coverage, 1e-15);
        Assert.Equal(Math.Sqrt(curve[0].Coverage * (1 - curve[0].Coverage) / 4), curve[0].StandardError, 1e-15);
        Assert.True(curve[0].Interval.Contains(curve[0].Coverage));
        Assert.Throws<ArgumentException>(() => PassAtK.Curve(problems, [11]));
    }
}
