using System.Runtime.Intrinsics;
using ScaleLab.Numerics;

namespace ScaleLab.Tests.Numerics;

public class Vector512MathTests
{
    /// <summary>Distance in units in the last place of <paramref name="expected"/>.</summary>
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected) return 0;
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(actual - expected) / ulp;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(30.0)]
    [InlineData(700.0)]
    public void Exp_IsWithinOneUlpOfTheLibrary(double range)
    {
        if (!Vector512Math.IsSupported) return; // no AVX-512 here: the kernels that use it are not taken
        var random = new Random(7);
        var x = new double[8];
        double worst = 0;
        for (int t = 0; t < 100_000; t++)
        {
            for (int j = 0; j < 8; j++) x[j] = (2 * random.NextDouble() - 1) * range;
            var y = Vector512Math.Exp(Vector512.Create(x));
            for (int j = 0; j < 8; j++) worst = Math.Max(worst, Ulps(y[j], Math.Exp(x[j])));
        }
        Assert.True(worst <= 1.0, $"worst error {worst} ulp");
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(700.0)]
    public void Log_IsWithinOneUlpOfTheLibrary(double range)
    {
        if (!Vector512Math.IsSupported) return;
        var random = new Random(11);
        var x = new double[8];
        double worst = 0;
        for (int t = 0; t < 100_000; t++)
        {
            for (int j = 0; j < 8; j++) x[j] = Math.Exp((2 * random.NextDouble() - 1) * range);
            var y = Vector512Math.Log(Vector512.Create(x));
            for (int j = 0; j < 8; j++) worst = Math.Max(worst, Ulps(y[j], Math.Log(x[j])));
        }
        Assert.True(worst <= 1.0, $"worst error {worst} ulp");
    }

    [Fact]
    public void Exp_OverflowsUnderflowsAndKeepsNaN()
    {
        if (!Vector512Math.IsSupported) return;
        var y = Vector512Math.Exp(Vector512.Create(1000.0, -1000, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, 709.78, -745.1));
        Assert.Equal(double.PositiveInfinity, y[0]);
        Assert.Equal(0.0, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal(double.PositiveInfinity, y[3]);
        Assert.Equal(0.0, y[4]);
        Assert.Equal(1.0, y[5]);
        Assert.Equal(Math.Exp(709.78), y[6], Math.Exp(709.78) * 1e-15);
        Assert.Equal(Math.Exp(-745.1), y[7]);
    }

    [Fact]
    public void Log_OfSpecialValues()
    {
        if (!Vector512Math.IsSupported) return;
        var y = Vector512Math.Log(Vector512.Create(0.0, double.PositiveInfinity, double.NaN, 1, 5e-324, 1e-310, 2, Math.E));
        Assert.Equal(double.NegativeInfinity, y[0]);
        Assert.Equal(double.PositiveInfinity, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal(0.0, y[3]);
        Assert.Equal(Math.Log(5e-324), y[4], 1e-12);
        Assert.Equal(Math.Log(1e-310), y[5], 1e-12);
        Assert.Equal(Math.Log(2), y[6]);
        Assert.Equal(1.0, y[7]);
    }
}
