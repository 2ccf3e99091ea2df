using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class IntervalMethodTests
{
    [Fact]
    public void Percentile_EightyPercent_IsTenthToNinetiethPercentile()
    {
        var x = Enumerable.Range(0, 101).Select(i => (double)(100 - i)).ToArray();
        var interval = PercentileInterval.Compute(x, 0.8);
        Assert.Equal(10, interval.Lower, 12);
        Assert.Equal(90, interval.Upper, 12);
        Assert.Equal("percentile", interval.Method);
    }

    [Fact]
    public void Bca_WithoutBiasOrSkew_EqualsPercentile()
    {
        // Symmetric replicates centred on the estimate and symmetric jackknife values: z0 = 0, a = 0.
        var x = Enumerable.Range(-500, 1001).Select(i => i / 100.0).ToArray();
        var jack = Enumerable.Range(-10, 21).Select(i => i / 10.0).ToArray();
        var bca = BcaInterval.Compute(x, 0, jack, 0.9);
        var pct = PercentileInterval.Compute(x, 0.9);
        Assert.Equal(pct.Lower, bca.Lower, 9);
        Assert.Equal(pct.Upper, bca.Upper, 9);
    }

    [Fact]
    public void Bca_RespectsMonotoneTransforms_AndCorrectsBias()
    {
        // Replicates whose distribution sits above the estimate: the bias correction moves the
        // interval down; with the acceleration at zero (no jackknife values) the interval of exp(x)
        // is exp of the interval of x, because z0 only counts replicates below the estimate.
        var r = new SeededRandom(3);
        var x = Enumerable.Range(0, 4000).Select(_ => 0.3 + r.NextGaussian()).ToArray();
        var onX = BcaInterval.Compute(x, 0, [], 0.8);
        var onExp = BcaInterval.Compute(x.Select(Math.Exp).ToArray(), 1, [], 0.8);
        var pct = PercentileInterval.Compute(x, 0.8);
        Assert.True(onX.Lower < pct.Lower && onX.Upper < pct.Upper);
        Assert.Equal(Math.Exp(onX.Lower), onExp.Lower, 1e-6);
        Assert.Equal(Math.Exp(onX.Upper), onExp.Upper, 1e-6);
    }

    [Fact]
    public void Interval_Decades_MeasuresOrdersOfMagnitude()
    {
        Assert.Equal(2, new Interval(10, 1000, 0.8, "percentile").Decades, 12);
        Assert.True(double.IsNaN(new Interval(-1, 10, 0.8, "percentile").Decades));
    }
}
