using ScaleLab.Cli.Commands;
using ScaleLab.Data;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Plans;
using ScaleLab.Experiments.Specs;
using ScaleLab.Studies;

namespace ScaleLab.Tests.Studies;

public sealed class StudyPlanTests
{
    [Fact]
    public void RandomFeatureStudy_AllRegimes_PlansEachSweepWithOneSharedSeedAndTheTheoryExponents()
    {
        var builder = new StudyPlanBuilder("rf", 1, "");
        RandomFeatureStudy.AddTo(builder, 0.5, Enum.GetValues<RandomFeatureRegime>(), StudyScale.Full);
        var plan = builder.Build();

        Assert.Equal(5 + 5 + 4 + 4, plan.Runs.Count);
        Assert.Equal(4, plan.Regimes.Count);
        var byKey = plan.Runs.ToDictionary(r => r.Key);
        foreach (var regime in plan.Regimes)
        {
            var runs = regime.RunKeys.Select(k => byKey[k]).ToArray();
            // Common random numbers within a sweep: one seed, carried by every specification.
            Assert.Single(runs.Select(r => r.Seed).Distinct());
            Assert.All(runs, r => Assert.Equal(r.Seed, ((RandomFeatureSpec)r.Specification).Seed));
        }
        Assert.Equal(4, plan.Runs.Select(r => r.Seed).Distinct().Count());
        Assert.Equal([0.5, 0.5, 1, 1], plan.Regimes.Select(r => r.TheoryExponent));
        Assert.Equal([ScaleVariable.Tokens, ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Parameters], plan.Regimes.Select(r => r.Variable));
        Assert.Equal(["loss", "loss", "excessLoss", "excessLoss"], plan.Regimes.Select(r => r.Metric));
    }

    [Fact]
    public void AnotherAlphaK_PlansOtherRuns_AndTheSameSettingsPlanTheSameRuns()
    {
        StudyPlan Make(double alphaK)
        {
            var b = new StudyPlanBuilder("rf", 1, "");
            RandomFeatureStudy.AddTo(b, alphaK, [RandomFeatureRegime.ResolutionData], StudyScale.Demo);
            return b.Build();
        }
        Assert.Equal(Make(0.5).Runs.Select(r => r.Key), Make(0.5).Runs.Select(r => r.Key));
        Assert.Empty(Make(0.5).Runs.Select(r => r.Key).Intersect(Make(1.0).Runs.Select(r => r.Key)));
    }

    [Fact]
    public void TeacherStudentStudy_SharesTheCornerRunBetweenItsTwoSweeps_AndOneTeacher()
    {
        var builder = new StudyPlanBuilder("ts", 3, "");
        TeacherStudentStudy.AddTo(builder, 4, [8, 16, 32], [256, 512, 1024]);
        var plan = builder.Build();

        Assert.Equal(3 + 3 - 1, plan.Runs.Count);
        Assert.Equal(2, plan.Regimes.Count);
        Assert.Single(plan.Regimes[0].RunKeys.Intersect(plan.Regimes[1].RunKeys));
        Assert.Single(plan.Runs.Select(r => ((DeepTeacherStudentSpec)r.Specification).TeacherSeed).Distinct());
        Assert.Equal(plan.Runs.Count, plan.Runs.Select(r => r.Seed).Distinct().Count());
        Assert.All(plan.Regimes, r => Assert.Equal(1.0, r.TheoryExponent)); // Bahri et al. 2021: resolution-limited exponent 4/d = 1.0 at d = 4
    }

    [Fact]
    public void LongestRunsFirst_WhenACostIsGiven()
    {
        var builder = new StudyPlanBuilder("rf", 1, "");
        RandomFeatureStudy.AddTo(builder, 0.5, [RandomFeatureRegime.VarianceData], StudyScale.Demo);
        var plan = builder.Build(BuiltInExperiments.Cost);
        Assert.Equal([1600, 800, 400, 200], plan.Runs.Select(r => ((RandomFeatureSpec)r.Specification).Samples!.Value));
    }

    [Theory]
    [InlineData("256..16384", new[] { 256.0, 512, 1024, 2048, 4096, 8192, 16384 })]
    [InlineData("8,16,32", new[] { 8.0, 16, 32 })]
    [InlineData("1e5..1e7", new[] { 1e5, 316228, 1e6, 3162278, 1e7 })]
    [InlineData("100..300", new[] { 100.0, 200, 300 })]
    public void SizeList_ExpandsListsAndRanges(string text, double[] expected)
    {
        Assert.True(SizeList.TryParse(text, "--x", out var values, out var error), error);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData("0..10")]
    [InlineData("10..5")]
    [InlineData("8,-1")]
    [InlineData("")]
    public void SizeList_RejectsNonPositiveOrBackwardRanges(string text)
    {
        Assert.False(SizeList.TryParse(text, "--samples", out _, out var error));
        Assert.StartsWith("--samples", error);
    }
}
