using ScaleLab.Cli;
using ScaleLab.Cli.Commands;
using ScaleLab.Data;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Tests.Planning;

public class PlanCommandTests
{
    // A fit document (scalelab.fit/1) with the Besiroglu refit and a constructed bootstrap: samples are published
    // parameter vectors in law order (E, A, B, alpha, beta). The fitted compute reached 1e21 FLOPs.
    private static FitDocument Document(IReadOnlyList<IReadOnlyList<double>> samples) => new()
    {
        Law = "chinchilla",
        Parameters = new Dictionary<string, double> { ["E"] = 1.8172, ["A"] = 482.01, ["B"] = 2085.43, ["alpha"] = 0.3478, ["beta"] = 0.3658 },
        Objective = new ObjectiveEntry("huber-log", 1e-3, 1e-3),
        Status = "converged",
        Exit = "gradient-small",
        Input = new InputEntry
        {
            Path = "runs.csv", Rows = 49, Metric = "loss",
            Ranges = new Dictionary<string, RangeEntry> { [FitDocument.VariableName(ScaleVariable.Compute)] = new(1e18, 1e21) },
        },
        Options = new OptionsEntry(),
        Bootstrap = new BootstrapEntry { Resamples = samples.Count, Seed = 1, Samples = samples },
    };

    private static readonly double[][] Samples =
    [
        [1.80, 470.0, 2000.0, 0.340, 0.355], [1.83, 490.0, 2150.0, 0.355, 0.376],
        [1.81, 480.0, 2080.0, 0.347, 0.365], [1.82, 485.0, 2100.0, 0.349, 0.367],
    ];

    [Fact]
    public void FitDocument_WithBootstrap_GivesPlanWithIntervalsExtrapolationAndDocumentedKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalelab-plan-{Guid.NewGuid():N}.json");
        Document(Samples).Save(path);
        try
        {
            var law = LawSource.FromFitDocument(path, 0.8);
            Assert.Equal(4, law.BootstrapSamples.Count);
            Assert.Equal(1e21, law.MaxFittedCompute);
            var plan = ComputeOptimalPlanner.ForCompute(law, 5.76e23);
            // docs/science.md V10: the point plan is the Besiroglu refit's frontier.
            Assert.InRange(plan.Parameters / 7.225e10, 1 - 1e-3, 1 + 1e-3);
            Assert.Equal(576, plan.ExtrapolationRatio!.Value, 9);
            var json = PlanFormat.Json(plan);
            // scalelab.plan/2 (docs/json.md): N_opt, D_opt, tokens_per_param, flop_convention and extrapolation_ratio of /1 are camelCase names.
            foreach (var key in new[] { "parameters", "tokens", "tokensPerParameter", "loss", "compute", "method", "flopConvention", "status", "extrapolationRatio" })
            {
                Assert.True(json.ContainsKey(key), key);
            }
            var interval = json["intervals"]!["parameters"]!;
            Assert.Equal(4, (int)interval["samples"]!);
            Assert.True((double)interval["lower"]! < plan.Parameters && plan.Parameters < (double)interval["upper"]!);
            Assert.DoesNotContain("NaN", PlanFormat.Serialize(json));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FitDocument_SampleOfWrongLength_IsBadInputNamingTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalelab-plan-{Guid.NewGuid():N}.json");
        Document([[1.8, 470.0], .. Samples]).Save(path);
        try
        {
            var e = Assert.Throws<InputDataException>(() => LawSource.FromFitDocument(path, 0.8));
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
        Assert.Throws<ArgumentException>(() => LawSource.FromParameters("chinchilla", "E=1.69,A", 0.8));
        Assert.Equal(Program.BadInput, Program.Main(["plan", "--parameters", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"]));
    }
}
