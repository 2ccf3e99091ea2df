using ScaleLab.Accounting;
using ScaleLab.Quantities;

namespace ScaleLab.Tests.Accounting;

public class FlopCounterTests
{
    private static readonly TransformerShape Gpt2Xl = new(48, 1600, 1024, 50257);

    // docs/science.md V4 (Kaplan et al. 2020 eq. 2.1, Table 1): exact integers.
    [Fact]
    public void Kaplan_48x1600_MatchesTable1Counts()
    {
        var p = ParameterBreakdown.Of(Gpt2Xl);
        Assert.Equal(1_474_560_000d, p.NonEmbedding.Value);
        var kaplan = FlopCounter.PerToken(Gpt2Xl, FlopConvention.Kaplan);
        Assert.Equal(3_106_406_400d, kaplan.ForwardPerToken.Value);
        Assert.Equal(3 * 3_106_406_400d, kaplan.TrainingPerToken.Value);
        Assert.Equal(160_828_800d, kaplan.ExcludedForwardPerToken);
        var six = FlopCounter.PerToken(Gpt2Xl, FlopConvention.SixND);
        Assert.Equal(8.84736e9, six.TrainingPerToken.Value);
        Assert.Equal(8.84736e9 * 1e9, six.Training(TokenCount.Of(1e9)).Value);
        Assert.Equal(1.0533, kaplan.ForwardPerToken.Value / (2 * p.NonEmbedding.Value), 4);
    }

    // docs/science.md V13(c) (Hoffmann et al. 2022 Table A4): App. F count at seq_len 2048 over 6N.
    [Theory]
    [InlineData(73e6, 10, 640, 2560, 10, 64, 1.037, 1.598)]
    [InlineData(305e6, 20, 1024, 4096, 16, 64, 1.103, 1.318)]
    [InlineData(552e6, 24, 1280, 5120, 10, 128, 1.084, 1.233)]
    [InlineData(1.1e9, 26, 1792, 7168, 14, 128, 1.085, 1.19)]
    [InlineData(1.6e9, 28, 2048, 8192, 16, 128, 1.028, 1.11)]
    [InlineData(6.8e9, 40, 3584, 14336, 28, 128, 0.994, 1.027)]
    public void Hoffmann_TableA4Shapes_ReproduceRatios(double n, int layers, int d, int ffw, int heads, int keySize, double withoutEmbeddings, double full)
    {
        var shape = new TransformerShape(layers, d, 2048, 32000) { FeedForward = ffw, Heads = heads, AttentionDim = heads * keySize };
        var bare = FlopCounter.PerToken(shape, FlopConvention.Hoffmann, includeEmbeddings: false, includeLogits: false);
        var all = FlopCounter.PerToken(shape, FlopConvention.Hoffmann);
        Assert.InRange(bare.RatioTo6N(ParameterCount.Of(n)), withoutEmbeddings - 0.005, withoutEmbeddings + 0.005);
        Assert.InRange(all.RatioTo6N(ParameterCount.Of(n)), full - 0.005, full + 0.005);
    }

    [Fact]
    public void MixtureOfExperts_ActiveCountsOnlyRoutedExperts()
    {
        var dense = ParameterBreakdown.Of(Gpt2Xl);
        var moe = ParameterBreakdown.Of(Gpt2Xl with { Experts = 8, ActiveExperts = 2 });
        double ffPerExpert = 48.0 * 2 * 1600 * 6400;
        Assert.Equal(dense.NonEmbedding.Value + 7 * ffPerExpert, moe.NonEmbedding.Value);
        Assert.Equal(dense.NonEmbedding.Value + ffPerExpert, moe.ActiveNonEmbedding.Value);
        Assert.Equal(moe.Total.Value - 6 * ffPerExpert, moe.Active.Value);
        Assert.Equal(48.0 * 1600 * 8, moe.Router);
        var flops = FlopCounter.PerToken(Gpt2Xl with { Experts = 8, ActiveExperts = 2 }, FlopConvention.SixND);
        Assert.Equal(6 * (moe.ActiveNonEmbedding.Value + moe.Router), flops.TrainingPerToken.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterBreakdown.Of(Gpt2Xl with { Experts = 2, ActiveExperts = 3 }));
    }
}
