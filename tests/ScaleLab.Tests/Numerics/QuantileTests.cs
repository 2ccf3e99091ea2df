using ScaleLab.Numerics;

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
}
