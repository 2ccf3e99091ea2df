using ScaleLab.Cli;
using ScaleLab.Cli.Commands;
using ScaleLab.Planning;

namespace ScaleLab.Tests.Planning;

public class PlanCommandTests
{
    // A fit document as the fit command writes it (scalelab.fit/1), with a constructed bootstrap whose samples
    // are published parameter vectors in law order (E, A, B, alpha, beta).
    private const string FitJson = """
    {
      "schema": "scalelab.fit/1", "law": "chinchilla", "formula": "L = E + A/N^alpha + B/D^beta",
      "parameters": { "E": 1.8172, "A": 482.01, "B": 2085.43, "alpha": 0.3478, "beta": 0.3658 },
      "status": "converged",
      "bootstrap": { "resamples": 4, "failed": 0, "seed": 1, "samples": [
        [1.80, 470.0, 2000.0, 0.340, 0.355], [1.83, 490.0, 2150.0, 0.355, 0.376],
        [1.81, 480.0, 2080.0, 0.347, 0.365], [1.82, 485.0, 2100.0, 0.349, 0.367] ] }
    }
    """;

    [Fact]
    public void FitDocument_WithBootstrap_GivesPlanWithIntervalsAndDocumentedKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalelab-plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, FitJson);
        try
        {
            var law = LawSource.FromFitDocument(path, 0.8);
            Assert.Equal(4, law.BootstrapSamples.Count);
            var plan = ComputeOptimalPlanner.ForCompute(law, 5.76e23);
            // SCIENCE.md §14 V10: the point plan is the Besiroglu refit's frontier.
            Assert.InRange(plan.Parameters / 7.225e10, 1 - 1e-3, 1 + 1e-3);
            var json = PlanFormat.Json(plan);
            foreach (var key in new[] { "N_opt", "D_opt", "tokens_per_param", "loss", "compute", "method", "flop_convention", "status" })
            {
                Assert.True(json.ContainsKey(key), key);
            }
            var interval = json["intervals"]!["N_opt"]!;
            Assert.Equal(4, (int)interval["samples"]!);
            Assert.True((double)interval["lower"]! < plan.Parameters && plan.Parameters < (double)interval["upper"]!);
            var text = PlanFormat.Serialize(json);
            Assert.DoesNotContain("NaN", text);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FitDocument_SampleOfWrongLength_IsBadInputNamingTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalelab-plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, FitJson.Replace("[1.80, 470.0, 2000.0, 0.340, 0.355]", "[1.80, 470.0]", StringComparison.Ordinal));
        try
        {
            var e = Assert.Throws<FormatException>(() => LawSource.FromFitDocument(path, 0.8));
            Assert.Contains("bootstrap.samples[0]", e.Message);
            Assert.Equal(Program.BadInput, Program.Main(["plan", "--fit", path, "--compute", "1e22"]));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void PublishedParameters_ParseAndMissingBudgetIsBadInput()
    {
        var law = LawSource.FromParameters("chinchilla", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", 0.8);
        Assert.InRange(ComputeOptimalPlanner.ForCompute(law, 5.76e23).Parameters / 3.219e10, 1 - 1e-3, 1 + 1e-3);
        Assert.Throws<FormatException>(() => LawSource.FromParameters("chinchilla", "E=1.69,A", 0.8));
        Assert.Equal(Program.BadInput, Program.Main(["plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"]));
    }
}
