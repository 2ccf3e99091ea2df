using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Uncertainty;

public class StatisticalFunctionsTests
{
    // Reference values: standard normal and chi-square tables (Abramowitz & Stegun 1964, Tables 26.1 and 26.8).
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.2815515655446004, 0.1)]
    [InlineData(-6.0, 9.865876450377e-10)]
    public void NormalCdf_MatchesTables(double z, double expected) =>
        Assert.Equal(expected, StatisticalFunctions.NormalCdf(z), expected * 1e-9);

    [Theory]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(1e-10, -6.361340902404056)]
    public void NormalQuantile_InvertsCdf(double p, double expected) =>
        Assert.Equal(expected, StatisticalFunctions.NormalQuantile(p), 1e-9);

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(11.070497693516351, 5, 0.05)]
    [InlineData(83.0, 5, 1.9e-16)]
    public void ChiSquareSurvival_MatchesTables(double x, double df, double expected) =>
        Assert.InRange(StatisticalFunctions.ChiSquareSurvival(x, df), expected * 0.9, expected * 1.1);

    [Theory]
    [InlineData(0.95, 1, 3.841458820694124)]
    [InlineData(0.8, 1, 1.6423744151498873)]
    [InlineData(0.95, 5, 11.070497693516351)]
    public void ChiSquareQuantile_MatchesTables(double p, double df, double expected) =>
        Assert.Equal(expected, StatisticalFunctions.ChiSquareQuantile(p, df), 1e-7);

    [Fact]
    public void SeededRandom_StreamsAreReproducibleAndUniform()
    {
        var a = SeededRandom.ForStream(42, 7);
        var b = SeededRandom.ForStream(42, 7);
        var c = SeededRandom.ForStream(42, 8);
        var xa = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(xa, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(xa, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()).ToArray());
        var r = new SeededRandom(1);
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++) counts[r.NextInt(10)]++;
        Assert.All(counts, k => Assert.InRange(k, 9_500, 10_500));
        var g = Enumerable.Range(0, 100_000).Select(_ => r.NextGaussian()).ToArray();
        Assert.InRange(g.Average(), -0.02, 0.02);
        Assert.InRange(g.Select(v => v * v).Average(), 0.98, 1.02);
    }
}
