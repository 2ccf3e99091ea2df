using ScaleLab.Data;
using ScaleLab.Design;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Design;

public class ExperimentDesignerTests
{
    private static readonly ChinchillaLaw Law = ChinchillaLaw.Instance;

    /// <summary>Runs on small IsoFLOP budgets from Hoffmann et al.'s law with 1 % noise; candidates on larger budgets; target at 1e22 FLOPs.</summary>
    internal static DesignProblem Problem(int seed = 3)
    {
        var truth = Law.FromNamed(DesignScenarios.Hoffmann);
        var rng = new SeededRandom((ulong)seed);
        var grid = CandidatePool.IsoFlopGrid([1e18, 3e18, 1e19], sizes: 5);
        var clean = Law.Predict(truth, ScalingData.From(grid.Select(c => c.Point).ToArray()));
        var runs = grid.Select((c, i) => c.Point with { Metric = clean[i] * Math.Exp(0.01 * rng.NextGaussian()) }).ToArray();
        var candidates = CandidatePool.IsoFlopGrid([3e19, 1e20, 3e20, 1e21], sizes: 5);
        var target = new TargetPoints(CandidatePool.IsoFlopGrid([1e22], sizes: 3).Select(c => c.Point).ToArray(), Law.Variables);
        return new DesignProblem(Law, runs, candidates, target);
    }

    private static readonly DesignOptions Fast = new() { BasinStarts = 12, OutcomeSamples = 128, Budget = 2e21 };

    [Fact]
    public void Suggest_SameSeed_SameRunsAndGainsForAnyThreadCount()
    {
        var problem = Problem();
        var one = ExperimentDesigner.Suggest(problem, Fast with { Parallelism = 1 });
        var two = ExperimentDesigner.Suggest(problem, Fast with { Parallelism = 2 });
        Assert.Equal(DesignStatus.Selected, one.Status);
        Assert.Equal(one.Selected.Select(s => s.Candidate.Row), two.Selected.Select(s => s.Candidate.Row));
        Assert.Equal(one.Selected.Select(s => s.ExpectedGain), two.Selected.Select(s => s.ExpectedGain));
        Assert.Equal(one.Interval!.RmsLogStandardDeviationAfter, two.Interval!.RmsLogStandardDeviationAfter);
    }

    [Fact]
    public void Suggest_StaysWithinTheBudgetAndTheRunLimit()
    {
        var problem = Problem();
        var byBudget = ExperimentDesigner.Suggest(problem, Fast);
        Assert.True(byBudget.Spent <= 2e21 * (1 + 1e-12), $"spent {byBudget.Spent}");
        Assert.Equal(byBudget.Spent, byBudget.Selected.Sum(s => s.Candidate.Cost), 1e9);
        Assert.Equal(byBudget.Selected.Count, byBudget.Selected.Select(s => s.Candidate.Row).Distinct().Count());
        var byCount = ExperimentDesigner.Suggest(problem, Fast with { Budget = null, MaxRuns = 3 });
        Assert.Equal(3, byCount.Selected.Count);
    }

    [Fact]
    public void Suggest_GainsAddUpToTheExpectedNarrowingOfTheTarget()
    {
        var result = ExperimentDesigner.Suggest(Problem(), Fast);
        var interval = result.Interval!;
        Assert.True(interval.RmsLogStandardDeviationAfter < interval.RmsLogStandardDeviation);
        foreach (var p in interval.Points)
        {
            Assert.True(p.After.Lower >= p.Before.Lower && p.After.Upper <= p.Before.Upper, "the expected interval lies inside the present one");
            Assert.InRange(p.Estimate, p.After.Lower, p.After.Upper);
        }
        double before = interval.RmsLogStandardDeviation * interval.RmsLogStandardDeviation;
        double after = interval.RmsLogStandardDeviationAfter * interval.RmsLogStandardDeviationAfter;
        Assert.Equal(before - after, result.Selected.Sum(s => s.ExpectedGain), 1e-9 + 1e-6 * before);
        Assert.All(result.Selected, s => Assert.InRange(s.IntervalShrinkage, 0, 1));
        // Most informative first: no later run is expected to gain more than the first.
        Assert.True(result.Selected.Skip(1).All(s => s.ExpectedGain <= result.Selected[0].ExpectedGain));
    }

    [Fact]
    public void Suggest_CostPowerZero_PrefersTheRunsNearTheTarget()
    {
        var result = ExperimentDesigner.Suggest(Problem(), Fast with { Budget = null, MaxRuns = 1, CostPower = 0 });
        // Cost-blind, the single best run for a 1e22 target is on the largest budget offered.
        Assert.Equal(1e21, result.Selected[0].Candidate.Point.Compute.Value, 1e21 * 1e-9);
        var cheap = ExperimentDesigner.Suggest(Problem(), Fast with { Budget = null, MaxRuns = 1, CostPower = 4 });
        Assert.True(cheap.Selected[0].Candidate.Cost < 1e21, "a steep cost power buys a cheaper run");
    }

    [Fact]
    public void Suggest_NoRuns_FillsCheaplyAndSaysSo()
    {
        var problem = Problem() with { Runs = [] };
        var result = ExperimentDesigner.Suggest(problem, Fast with { Budget = 1e22 });
        Assert.Equal(DesignStatus.FillOnly, result.Status);
        Assert.Equal(5, result.Selected.Count);
        Assert.All(result.Selected, s => Assert.Equal(SuggestionReason.Fill, s.Reason));
        Assert.Equal(problem.Candidates.Min(c => c.Cost), result.Selected[0].Candidate.Cost);
        Assert.Contains(result.Diagnostics, d => d.Code == "no-runs");
        Assert.Null(result.Interval);
    }

    [Fact]
    public void Suggest_FewerRunsThanParameters_FillsFirstThenScores()
    {
        var problem = Problem();
        problem = problem with { Runs = problem.Runs.Take(3).ToArray() };
        var result = ExperimentDesigner.Suggest(problem, Fast);
        Assert.Equal([SuggestionReason.Fill, SuggestionReason.Fill], result.Selected.Take(2).Select(s => s.Reason));
        Assert.Equal(SuggestionReason.Score, result.Selected[2].Reason);
        Assert.Contains(result.Diagnostics, d => d.Code == "underdetermined");
    }

    [Theory]
    [InlineData(1e18, null, "below the cheapest candidate")]
    [InlineData(null, 0, "at least 1")]
    [InlineData(null, null, "give a budget")]
    public void Suggest_BadBudget_Throws(double? budget, int? k, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentDesigner.Suggest(Problem(), Fast with { Budget = budget, MaxRuns = k }));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void VarianceReduction_EqualsTheDropAfterFoldingTheRunIn()
    {
        var problem = Problem();
        var free = ExperimentDesigner.FreeIndices(Law, new Dictionary<string, double>());
        var state = DesignState.Build(problem, free, Fast, default)!;
        var linear = state.Linear.Clone();
        var scratch = new double[free.Length];
        for (int x = 0; x < problem.Candidates.Count; x += 7)
        {
            double predicted = linear.VarianceReduction(0, x, scratch);
            double before = linear.TargetVariances(0).Average();
            linear.FoldIn(x);
            double after = linear.TargetVariances(0).Average();
            Assert.Equal(before - after, predicted, 1e-10 + 1e-7 * before);
        }
    }

    [Fact]
    public void ComputeOptimalTarget_LossGradientByTheEnvelopeTheorem_MatchesDifferences()
    {
        var theta = Law.FromNamed(DesignScenarios.Hoffmann);
        var target = new ComputeOptimalTarget(Law, 1e24, TargetQuantity.Loss);
        var value = new double[1];
        var gradient = new double[theta.Length];
        target.Gradient(Law, theta, value, gradient);
        for (int j = 0; j < theta.Length; j++)
        {
            double h = 1e-5 * (1 + Math.Abs(theta[j]));
            var up = theta.ToArray(); up[j] += h;
            var down = theta.ToArray(); down[j] -= h;
            var a = new double[1]; var b = new double[1];
            target.Evaluate(Law, up, a);
            target.Evaluate(Law, down, b);
            Assert.Equal((a[0] - b[0]) / (2 * h), gradient[j], 1e-6);
        }
    }

    [Fact]
    public void ComputeOptimalTarget_OptimalParameters_IsHoffmannsClosedForm()
    {
        // Hoffmann et al. 2022 eq. 4 at their eq. 10 values: N_opt = G·(C/6)^(beta/(alpha+beta)), G = (alpha·A/(beta·B))^(1/(alpha+beta)).
        double g = Math.Pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
        double expected = g * Math.Pow(1e24 / 6, 0.28 / 0.62);
        var value = new double[1];
        new ComputeOptimalTarget(Law, 1e24, TargetQuantity.OptimalParameters).Evaluate(Law, Law.FromNamed(DesignScenarios.Hoffmann), value);
        Assert.Equal(expected, Math.Exp(value[0]), expected * 1e-9);
        Assert.Throws<ArgumentException>(() => new ComputeOptimalTarget(LawRegistry.Get("bnsl"), 1e24, TargetQuantity.Loss));
    }

    [Theory]
    [InlineData(1e-6, 0, 0.01)]
    [InlineData(1e3, 0.99, 1)]
    public void BasinOutcomes_RunThatTellsTheBasinsApart_ResolvesTheirDisagreement(double noiseVariance, double lowShare, double highShare)
    {
        // Two basins 5 % apart in E: their predictions differ by about 4 % everywhere, i.e. by 40 noise s.d. with
        // s² = 1e-6 (one run settles which is right) and by nothing measurable with s² = 1e3.
        var problem = Problem();
        var truth = DesignScenarios.Hoffmann;
        var other = new Dictionary<string, double>(truth) { ["E"] = truth["E"] * 1.05 };
        var basins = new[] { new BasinSearch.Found(Law.FromNamed(truth), 0, 0.5, 1), new BasinSearch.Found(Law.FromNamed(other), 0, 0.5, 1) };
        var free = ExperimentDesigner.FreeIndices(Law, new Dictionary<string, double>());
        var linear = LinearizedBasins.Build(Law, ScalingData.From(problem.Runs), ScalingData.From(problem.Candidates.Select(c => c.Point).ToArray()),
            problem.Target, basins, free, noiseVariance, Fast);
        var outcomes = BasinOutcomes.Create(linear, 512, 7);
        double now = outcomes.Expected();
        var diff = linear.TargetValue[1].Select((v, t) => v - linear.TargetValue[0][t]).ToArray();
        Assert.Equal(0.25 * diff.Average(d => d * d), now, 1e-12);
        var scratch = new double[free.Length];
        var mean = new[] { linear.CandidateOutcome[0][0], linear.CandidateOutcome[1][0] };
        var variance = new[] { linear.PredictiveVariance(0, 0, scratch), linear.PredictiveVariance(1, 0, scratch) };
        Assert.InRange(outcomes.ExpectedAfter(mean, variance) / now, lowShare, highShare);
        Assert.Equal(noiseVariance < 1 ? [0, 1] : [], GreedyPlan.Separates(linear, 0));
    }
}
