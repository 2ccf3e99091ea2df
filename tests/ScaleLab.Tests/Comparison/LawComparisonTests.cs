using ScaleLab.Comparison;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Comparison;

public class LawComparisonTests
{
    [Theory]
    [InlineData("largest-compute:20%", 10, 2)]
    [InlineData("largest-compute:0.25", 10, 3)]
    [InlineData("largest-params:5e8", 10, 5)]
    [InlineData("none", 10, 0)]
    public void Holdout_SplitsTheLargestScales(string spec, int n, int held)
    {
        var observations = Enumerable.Range(0, n).Select(i => Observation.FromParametersAndTokens(1e8 * (i + 1), 1e9, 3)).ToArray();
        var (fit, heldOut) = Holdout.Parse(spec).Split(observations);
        Assert.Equal(held, heldOut.Length);
        Assert.Equal(n - held, fit.Length);
        if (held > 0) Assert.True(heldOut.Min(i => observations[i].Parameters.Value) > fit.Max(i => observations[i].Parameters.Value));
    }

    [Fact]
    public void Holdout_FractionNeverSplitsABudget()
    {
        // Two budgets of three runs each: 20 % of 6 rounds up to 2 points, which pulls in the whole top budget.
        var observations = new[] { 1e19, 1e19, 1e19, 1e20, 1e20, 1e20 }.Select((c, i) => Observation.FromParametersAndCompute(1e8 * (1 + i % 3), c, 3)).ToArray();
        var (_, held) = Holdout.Parse("largest-compute:20%").Split(observations);
        Assert.Equal([3, 4, 5], held);
    }

    [Theory]
    [InlineData("largest-compute")]
    [InlineData("smallest-compute:20%")]
    [InlineData("largest-compute:150%")]
    [InlineData("column:Training")]
    public void Holdout_RejectsNonsense(string spec) =>
        Assert.Contains("not understood", Assert.Throws<ArgumentException>(() => Holdout.Parse(spec)).Message);

    [Fact]
    public void Compare_WithoutHoldout_RanksByAic()
    {
        // Data from M2 with noise: M2 (and its superset M4) must beat the floorless M1 in-sample.
        var rng = new ScaleLab.Uncertainty.SeededRandom(8);
        var observations = Enumerable.Range(0, 20).Select(i => Math.Pow(10, 2 + 0.2 * i))
            .Select(x => Observation.FromParametersAndTokens(1, x, (3 * Math.Pow(x, -0.4) + 0.2) * Math.Exp(0.003 * rng.NextGaussian()))).ToArray();
        var result = LawComparison.Run([M1Law.Instance, M2Law.Instance], observations, Holdout.None, new FitOptions { Objective = FitObjective.SquaredLog });
        Assert.Equal("m2", result.Scores[0].Law);
        Assert.True(result.Scores[0].Aic < result.Scores[1].Aic - 10);
        Assert.True(double.IsNaN(result.Scores[0].Rmsle));
    }

    [SkippableFact]
    public void RevisitingBenchmark_LanguageSplit_RunsEndToEnd()
    {
        // Alabdulmohsin et al. 2022 benchmark (revisiting-nsl-lang): fit each curve on Training = 1,
        // extrapolate to Training = 0, M1–M4 by squared log error as in the paper's code.
        var path = SharedData.File("revisiting-nsl-lang/benchmark_lang_subset.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!, new ColumnMapping { Tokens = "Seen Examples", Metric = "Loss" });
        Assert.Equal(163, set.Count);
        var laws = new ScalingLaw[] { M1Law.Instance, M2Law.Instance, M3Law.Instance, M4Law.Instance };
        var results = LawComparison.RunGrouped(laws, set.Observations, Holdout.Parse("column:Training=0"),
            o => $"{o.Tags["Domain"]} {o.Tags["Model"]}", new FitOptions { Objective = FitObjective.SquaredLog });
        Assert.Equal(9, results.Count);
        Assert.All(results, c =>
        {
            Assert.True(c.HeldOutPoints > 0 && c.FitPoints > 5, c.Group);
            Assert.All(c.Scores, s => Assert.True(double.IsFinite(s.Rmsle), $"{c.Group} {s.Law}"));
        });
        var summary = LawComparison.Summarize(results);
        Assert.Equal(9, summary.Sum(s => s.Wins));
        double Mean(string law) => summary.Single(s => s.Law == law).MeanRmsle;
        // The paper's point: the pure power law (M1) extrapolates worst on these saturating curves.
        Assert.True(Mean("m4") < Mean("m1") && Mean("m3") < Mean("m1") && Mean("m2") < Mean("m1"),
            string.Join("; ", summary.Select(s => $"{s.Law} {s.MeanRmsle:G3} wins {s.Wins}")));
    }

    [SkippableFact]
    public void V20_FourDigitAddition_BnslExtrapolatesWherePowerLawWithFloorDoesNot()
    {
        // docs/science.md V20 (c) (Caballero et al. 2023, 4-digit addition): fit the first 14 sizes,
        // extrapolate the last 3; BNSL RMSLE_extrap ≤ 0.015 (reference 0.0109), PL+c ≥ 0.5 (reference 0.805).
        var path = SharedData.File("bnsl-4digit-addition/four_digit_addition.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!, new ColumnMapping { Tokens = "dataset_size", Metric = "test_cross_entropy" });
        var result = LawComparison.Run([LawRegistry.Get("power-law-d"), LawRegistry.Get("bnsl"), M2Law.Instance], set.Observations,
            Holdout.Parse("column:split=extrapolate"), new FitOptions { Objective = FitObjective.SquaredLog });
        Assert.Equal(14, result.FitPoints);
        Assert.Equal(3, result.HeldOutPoints);
        Assert.Equal("bnsl", result.Scores[0].Law);
        Assert.True(result.Scores[0].Rmsle <= 0.015, $"BNSL {result.Scores[0].Rmsle}");
        Assert.True(result.Scores.Single(s => s.Law == "power-law-d").Rmsle >= 0.5);
        Assert.True(result.Scores.Single(s => s.Law == "m2").Rmsle >= 0.5);
        // Both floor laws under-predict the collapse of the loss: positive signed log error.
        Assert.True(result.Scores.Single(s => s.Law == "m2").SignedError > 0);
    }
}
