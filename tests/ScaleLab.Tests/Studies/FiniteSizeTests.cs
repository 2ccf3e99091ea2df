using ScaleLab.Data;
using ScaleLab.Experiments.Plans;
using ScaleLab.Experiments.Theory;
using ScaleLab.Studies;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Studies;

/// <summary>What each regime expects of its finite sizes, and how a measured exponent is judged against theory with it.</summary>
public sealed class FiniteSizeTests
{
    [Fact]
    public void TheDemosRandomFeatureRegimes_ExpectSteeperSlopes_WithTheFiniteSizeExponentsOfTheirOwnSweeps()
    {
        var plan = DemoStudy.Plan("demo", 1);
        var byName = plan.Regimes.ToDictionary(r => r.Name);

        // Least squares on P = 20 Gaussian features: excess loss ∝ 1/(D − 21); its log–log slope over D = 200..1600
        // by ordinary least squares on the logs (computed here independently of the regime fit): 1.0462364516.
        Assert.Equal(1.046236451567852, byName["variance-limited, data (D ≫ P = 20)"].FiniteSize!.Expected!.Value, 1e-8);
        // The dual form for P random features and D = 10 samples: 1/(P − 11) over P = 100..800.
        Assert.Equal(1.048582809790631, byName["variance-limited, model (P ≫ D = 10)"].FiniteSize!.Expected!.Value, 1e-8);
        // Infinite data: the expected exponent is the slope of eq. 1's exact loss at S = 1e6.
        var p = new[] { 25.0, 50, 100, 200, 400 };
        Assert.Equal(LogLogSlope(p, [.. p.Select(x => BahriTheory.CoordinateProjectorLoss(1_000_000, (int)x, 0.5))]),
            byName["resolution-limited, model (D = inf)"].FiniteSize!.Expected!.Value, 1e-8);
        Assert.Null(byName["resolution-limited, data (P = S = 4000)"].FiniteSize!.Expected);
        Assert.All(plan.Regimes.Where(r => r.Name.Contains("P", StringComparison.Ordinal) || r.Name.Contains("inf", StringComparison.Ordinal)),
            r => Assert.Equal(ExponentBias.Steeper, r.FiniteSize!.Direction));
        // No finite-size expectation is claimed for the deep teacher–student networks.
        Assert.Null(byName["resolution-limited, data (d = 4, width 64)"].FiniteSize);
        Assert.Equal(["S", "P", "D", "N", "alpha_K", "d", "width"], plan.Symbols.Select(s => s.Symbol));
    }

    [Theory]
    [InlineData(1.05, 1.02, 1.09, ExponentBias.Steeper, TheoryAgreement.FiniteSizeBias)]
    [InlineData(0.95, 0.92, 0.98, ExponentBias.Steeper, TheoryAgreement.AgainstFiniteSizeBias)]
    [InlineData(0.95, 0.92, 0.98, ExponentBias.Shallower, TheoryAgreement.FiniteSizeBias)]
    [InlineData(1.01, 0.97, 1.05, ExponentBias.Steeper, TheoryAgreement.Agrees)]
    [InlineData(1.05, 1.02, 1.09, null, TheoryAgreement.Unexplained)]
    public void AMeasuredExponent_IsJudgedAgainstTheoryAndTheExpectedBias(double alpha, double lower, double upper, ExponentBias? bias, TheoryAgreement expected)
    {
        // Sizes 10..1000 with y = (1/x)^alpha exactly: the fit returns alpha; the interval is given.
        var regime = new Regime("r", ScaleVariable.Tokens, "loss", 1.0, "1", [])
        {
            FiniteSize = bias is { } b ? new FiniteSizeEffect(b, "a reason") : null,
        };
        double[] x = [10, 100, 1000];
        var fit = RegimeAnalysis.Fit(regime, x, [.. x.Select(v => Math.Pow(v, -alpha))], resamples: 0, seed: 1) with { Lower = lower, Upper = upper };

        Assert.Equal(alpha, fit.Alpha, 1e-9);
        Assert.Equal(expected, fit.Agreement);
    }

    [Fact]
    public void StoredRegimes_KeepTheirFiniteSizeEffect()
    {
        var plan = DemoStudy.Plan("demo", 1);
        var back = StoredRegimes.Parse(StoredRegimes.Serialize(plan.Regimes));
        Assert.Equal(plan.Regimes.Select(r => r.FiniteSize), back.Select(r => r.FiniteSize));
    }

    private static double LogLogSlope(double[] x, double[] y)
    {
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        return -lx.Zip(ly, (a, b) => (a - mx) * (b - my)).Sum() / lx.Sum(a => (a - mx) * (a - mx));
    }
}
