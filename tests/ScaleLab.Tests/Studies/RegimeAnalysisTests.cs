using ScaleLab.Data;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Studies;

public sealed class RegimeAnalysisTests
{
    [Fact]
    public void ToyRunsWithKnownExponent_FitRecoversItInsideTheBootstrapInterval()
    {
        using var file = new TempFile(".db");
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        using var store = RunStore.Open(file.Path, clock);
        var plan = ToyTrainer.Plan("toy", 4, [16, 32, 64, 128, 256, 512, 1024], draws: 3);
        new StudyRunner(store, clock, 2).Run(plan, (run, _) => ToyTrainer.Train((ToySpec)run.Specification));

        var fit = RegimeAnalysis.FitAll(plan, store, resamples: 300).Single();

        Assert.Equal(21, fit.Points);
        Assert.InRange(fit.Alpha, ToyTrainer.Exponent - 0.02, ToyTrainer.Exponent + 0.02);
        Assert.True(fit.Lower < fit.Alpha && fit.Alpha < fit.Upper);
        Assert.True(fit.AgreesWithTheory);
        // 2 % noise over a 64× range: the interval is narrow but not degenerate.
        Assert.InRange(fit.Upper - fit.Lower, 1e-3, 0.05);
        var (value, lower, upper) = fit.Predict(4096);
        Assert.InRange(value, lower, upper);
        Assert.Equal(3 * Math.Pow(4096, -ToyTrainer.Exponent), value, 0.05 * value);
    }

    [Fact]
    public void ASingleSize_GivesNoExponentAndSaysWhy()
    {
        var regime = new Regime("r", ScaleVariable.Tokens, "loss", 1, "1", []);
        var fit = RegimeAnalysis.Fit(regime, [100, 100], [0.5, 0.6], 50, 1);
        Assert.Null(fit.Fit);
        Assert.True(double.IsNaN(fit.Alpha));
        Assert.Contains(fit.Diagnostics, d => d.Code == "too-few-sizes");
    }
}
