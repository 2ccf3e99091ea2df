using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Planning;
using ScaleLab.Tests.Support;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Numerics;

public class QuantileTests
{
    [Fact]
    public void SortedQuantile_IsNumpyLinear()
    {
        var x = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();
        Assert.Equal(10, Quantile.OfSorted(x, 0.1), 12);
        Assert.Equal(2.5, Quantile.OfSorted([1.0, 2, 3, 4], 0.5), 12);
    }

    [Fact]
    public void Of_UnsortedValues_MatchesNumpyType7AndLeavesTheInput()
    {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], q) with the default (linear, type 7) method:
        // q = 0.3 → 2.1, q = 0.9 → 6.9, q = 0 → 1, q = 1 → 9.
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6];
        Assert.Equal(2.1, Quantile.Of(values, 0.3), 12);
        Assert.Equal(6.9, Quantile.Of(values, 0.9), 12);
        Assert.Equal(1, Quantile.Of(values, 0));
        Assert.Equal(9, Quantile.Of(values, 1));
        Assert.Equal([3.0, 1, 4, 1, 5, 9, 2, 6], values);
        Assert.True(double.IsNaN(Quantile.Of([], 0.5)));
    }

    [Fact]
    public void Central_EightyPercent_IsTenthToNinetiethPercentile()
    {
        var x = Enumerable.Range(0, 101).Select(i => (double)(100 - i)).ToArray();
        var (lower, upper) = Quantile.Central(x, 0.8);
        Assert.Equal(10, lower, 12);
        Assert.Equal(90, upper, 12);
    }

    [Fact]
    public void EveryIntervalReadOffSamples_IsTheSameType7Interval()
    {
        // One set of 41 bootstrap samples of Besiroglu et al.'s refit, alpha spread unevenly: the parameter interval of the
        // analysis, the percentile bootstrap interval and a plan's interval are the type-7 quantiles of the same values.
        var law = ChinchillaLaw.Instance;
        var samples = Enumerable.Range(0, 41).Select(k => new[] { 1.8172, 482.01, 2085.43, 0.3478 + 0.0004 * k * k / 40.0 - 0.008, 0.3658 }).ToArray();
        var alphas = samples.Select(s => s[3]).ToArray();
        var (lower, upper) = Quantile.Central(alphas, 0.8);

        var percentile = PercentileInterval.Compute(alphas, 0.8);
        Assert.Equal((lower, upper), (percentile.Lower, percentile.Upper));
        Assert.Equal(41, percentile.Samples);

        var fitted = Fits.At(law, new Dictionary<string, double> { ["E"] = 1.8172, ["A"] = 482.01, ["B"] = 2085.43, ["alpha"] = 0.3478, ["beta"] = 0.3658 });
        var analysis = Fits.Bootstrapped(fitted, samples);
        var fromAnalysis = analysis.IntervalOf("alpha")!;
        Assert.Equal(lower, fromAnalysis.Lower, 1e-15);
        Assert.Equal(upper, fromAnalysis.Upper, 1e-15);

        var plan = ComputeOptimalPlanner.ForCompute(PlanningLaw.From(fitted, analysis), 5.76e23);
        var optimal = samples.Select(s => ChinchillaFrontier.FromNamed(new Dictionary<string, double> { ["E"] = s[0], ["A"] = s[1], ["B"] = s[2], ["alpha"] = s[3], ["beta"] = s[4] }).OptimalParameters(5.76e23)).ToArray();
        var (nLower, nUpper) = Quantile.Central(optimal, 0.8);
        var interval = plan.Intervals[Plan.ParametersKey];
        Assert.Equal(nLower, interval.Lower, nLower * 1e-12);
        Assert.Equal(nUpper, interval.Upper, nUpper * 1e-12);
        Assert.Equal(("percentile", 41, 0.8), (interval.Method, interval.Samples!.Value, interval.Level));
    }
}
