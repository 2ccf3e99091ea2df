using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Data;

public class SyntheticIsoFlopStudyTests
{
    private static readonly Dictionary<string, double> Hoffmann = new() { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 };

    [Fact]
    public void LogOptimalParameters_MatchesClosedFormFrontier()
    {
        var law = ChinchillaLaw.Instance;
        // docs/science.md V8 (Hoffmann et al. 2022, rounded parameters): N_opt(1e21) = 1.824e9, N_opt(5.76e23) = 3.219e10.
        Assert.Equal(1.824e9, Math.Exp(SyntheticIsoFlopStudy.LogOptimalParameters(law, law.FromNamed(Hoffmann), 1e21)), 1.824e9 * 1e-3);
        Assert.Equal(3.219e10, Math.Exp(SyntheticIsoFlopStudy.LogOptimalParameters(law, law.FromNamed(Hoffmann), 5.76e23)), 3.219e10 * 1e-3);
    }

    [Fact]
    public void Generate_IsSeededAndSpendsEachBudget()
    {
        var law = ChinchillaLaw.Instance;
        var a = SyntheticIsoFlopStudy.Generate(law, Hoffmann, [1e18, 1e20], 9, 0.6, 0.01, seed: 3);
        var b = SyntheticIsoFlopStudy.Generate(law, Hoffmann, [1e18, 1e20], 9, 0.6, 0.01, seed: 3);
        var c = SyntheticIsoFlopStudy.Generate(law, Hoffmann, [1e18, 1e20], 9, 0.6, 0.01, seed: 4);
        Assert.Equal(18, a.Count);
        Assert.Equal(a.Observations.Select(o => o.Metric), b.Observations.Select(o => o.Metric));
        Assert.NotEqual(a.Observations.Select(o => o.Metric), c.Observations.Select(o => o.Metric));
        Assert.All(a.Observations, o => Assert.Equal(o.Compute.Value, 6 * o.Parameters.Value * o.Tokens.Value, o.Compute.Value * 1e-12));
        Assert.StartsWith("SYNTHETIC", a.Source);
        // The middle size of each budget is the loss-optimal one; spread ±0.6 decades means the ends are 10^1.2 apart.
        Assert.Equal(Math.Pow(10, 1.2), a.Observations[8].Parameters.Value / a.Observations[0].Parameters.Value, 1e-9);
        // Noise sd 0.01 in log space: every loss within 5 sd of the law.
        var theta = law.FromNamed(Hoffmann);
        Assert.All(a.Observations, o =>
            Assert.InRange(Math.Log(o.Metric / law.Predict(theta, ScalingData.From([o]))[0]), -0.05, 0.05));
    }
}
