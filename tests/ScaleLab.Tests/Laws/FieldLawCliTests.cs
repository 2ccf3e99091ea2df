using System.Globalization;
using System.Text;
using System.Text.Json;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Serialization;
using ScaleLab.Tests.Cli;

namespace ScaleLab.Tests.Laws;

/// <summary>
/// Every family of the field's laws through the command line: a file of runs simulated from the law (with a 10⁻⁴
/// deterministic perturbation, as exact data would make every start's objective vanish), <c>fit --out</c> with the
/// law's columns named as such files name them, then <c>predict</c> at a new point against the true law.
/// </summary>
public class FieldLawCliTests
{
    // law, header per variable symbol, metric header, metric as written (from the law's value), fit options, predict point (symbol=value)
    public static TheoryData<string, string, string, string, string, string> Cases => new()
    {
        { "zhai", "C=compute", "top1_acc", "1-y", "--metric top1_acc --metric-kind accuracy", "C=1e5" },
        { "gordon-nmt", "N=params;D=train_bytes", "loss", "y", "--tokens train_bytes", "N=2e9;D=5e10" },
        { "bleu-link", "L=dev_ce", "bleu", "y", "--x dev_ce --metric bleu --metric-kind bleu", "L=1.2" },
        { "ghorbani-nmt", "N_e=encoder_params;N_d=decoder_params", "loss", "y", "--var N_e=encoder_params --var N_d=decoder_params", "N_e=5e9;N_d=5e9" },
        { "hernandez-transfer", "N=params;D=finetune_chars", "loss", "y", "--tokens finetune_chars --fix alpha_N=0.076 --fix alpha_D=0.103 --fix N_c=6.4e13 --fix D_c=1.8e13", "N=3e9;D=1e6" },
        { "clark-routed", "N=dense_parameter_count;E=num_experts", "loss_validation", "y", "--params dense_parameter_count --var E=num_experts --metric loss_validation", "N=1e10;E=64" },
        { "clark-dense", "N=params", "loss", "y", "", "N=1e11" },
        { "jones-elo", "C=train_flops", "elo", "y", "--compute train_flops --metric elo --metric-kind elo", "C=3e17" },
        { "gadre-overtraining", "N=params;D=tokens", "loss", "y", "", "N=1.4e9;D=9e11" },
        { "kaplan-steps", "N=params;D=tokens;S=step", "loss", "y", "--var S=step", "N=3e8;D=1e10;S=2e4" },
        { "henighan", "C=flops", "loss", "y", "", "C=1e22" },
        { "sigmoid-link", "L=task_loss", "acc", "y", "--x task_loss --metric acc --metric-kind accuracy", "L=2.1" },
        { "exp-error-link", "L=c4_loss", "err", "y", "--x c4_loss --metric err --metric-kind error", "L=2.3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitThenPredict_RecoversTheLaw(string name, string headers, string metric, string written, string options, string point)
    {
        var (law, truth, data) = FieldLawCases.Case(name);
        var header = headers.Split(';').Select(h => h.Split('=')).ToDictionary(h => h[0], h => h[1]);
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", Csv(data, header, metric, written == "1-y"));
        var fitPath = dir.File("fit.json");
        var args = new List<string> { "fit", runs, "--law", name, "--out", fitPath, "--json" };
        args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var (code, output, error) = CliRunner.Run([.. args]);
        Assert.True(code == 0, $"{name}: exit {code}: {error}");
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal("converged", document.Status);
        Assert.Equal(law.DefaultObjective.Name, document.Objective!.Name);
        if (options.Contains("--metric-kind", StringComparison.Ordinal)) Assert.Contains(document.Diagnostics, d => d.Code == "metric-kind");
        Assert.Equal(DerivedQuantities.Of(law, document.Parameters), document.Derived);
        // A link's input is a loss: no warning about how many decades of it the data span.
        if (!law.InputsAreScales) Assert.DoesNotContain(document.Diagnostics, d => d.Code is "narrow-range" or "sparse-data");
        if (name == "clark-routed") LawFormulaTests.AssertRelative(ClarkRoutedLaw.Cutoff(truth["b"], truth["c"]), document.Derived["N_cutoff"], 0.5);

        // The prediction at a new point, from a points file whose columns are the variables' symbols.
        var at = point.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        var points = dir.File("points.csv", string.Join(",", at.Keys) + "\n" + string.Join(",", at.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n");
        var predict = CliRunner.Run("predict", "--fit", fitPath, "--points", points, "--json");
        Assert.True(predict.Code == 0, $"{name}: predict exit {predict.Code}: {predict.Error}");
        using var json = JsonDocument.Parse(predict.Out);
        double predicted = json.RootElement.GetProperty("points")[0].GetProperty("prediction").GetDouble();
        var truePoint = ScalingData.Create(at.Select(kv => new KeyValuePair<ScaleVariable, double[]>(ScaleVariable.Named(kv.Key), [kv.Value])), [1.0]);
        double expected = law.Predict(truth, truePoint);
        Assert.True(Math.Abs(predicted / expected - 1) < 0.01, $"{name}: predicted {predicted:R}, the true law gives {expected:R}");
    }

    [Fact]
    public void PassAtK_ThenFitCoverage_FromPerProblemCounts()
    {
        // 200 problems, 128 samples each; problem i is solved with probability p_i spread over three decades.
        var counts = new StringBuilder("problem,n,c\n");
        for (int i = 0; i < 200; i++)
        {
            double p = Math.Pow(10, -3 + 3.0 * i / 199);
            counts.Append(CultureInfo.InvariantCulture, $"q{i},128,{(int)Math.Round(128 * p)}\n");
        }
        using var dir = new TempDirectory();
        var curve = dir.File("curve.csv");
        var (code, _, error) = CliRunner.Run("pass-at-k", dir.File("counts.csv", counts.ToString()), "--out", curve);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(curve);
        Assert.Equal("k,coverage,standard_error,lower,upper,level,problems", lines[0]);
        Assert.Equal(8, lines.Length - 1); // k = 1, 2, 4, …, 128
        var fitPath = dir.File("fit.json");
        var fit = CliRunner.Run("fit", curve, "--law", "coverage", "--metric", "coverage", "--out", fitPath, "--json");
        Assert.True(fit.Code == 0, fit.Error);
        var document = FitDocument.Parse(fit.Out, "stdout");
        Assert.True(document.Parameters["a"] < 0 && document.Parameters["b"] < 0);
        // The fitted curve passes within 3 % of the measured coverage at k = 8.
        var at8 = lines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == "8");
        var predict = CliRunner.Run("predict", "--fit", fitPath, "--points", dir.File("k.csv", "k\n8\n"), "--json");
        Assert.True(predict.Code == 0, predict.Error);
        using var json = JsonDocument.Parse(predict.Out);
        double predicted = json.RootElement.GetProperty("points")[0].GetProperty("prediction").GetDouble();
        Assert.Equal(double.Parse(at8[1], CultureInfo.InvariantCulture), predicted, 0.03);
    }

    [Fact]
    public void Laws_Json_ListsEveryLawWithItsSchema()
    {
        var (code, output, error) = CliRunner.Run("laws", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("scalelab.laws/1", json.RootElement.GetProperty("schema").GetString());
        var laws = json.RootElement.GetProperty("laws").EnumerateArray().ToArray();
        Assert.Equal(LawRegistry.Names.Select(n => LawRegistry.Get(n).Name).Distinct(), laws.Select(l => l.GetProperty("name").GetString()));
        foreach (var law in laws)
        {
            foreach (var key in new[] { "formula", "citation", "metric", "objective" }) Assert.False(string.IsNullOrEmpty(law.GetProperty(key).GetString()));
            Assert.NotEmpty(law.GetProperty("variables").EnumerateArray());
            Assert.All(law.GetProperty("parameters").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("name").GetString())));
        }
        var clark = laws.Single(l => l.GetProperty("name").GetString() == "clark-routed");
        Assert.Equal(["N", "E"], clark.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("symbol").GetString()));
        Assert.Contains("Clark et al. 2022", clark.GetProperty("citation").GetString());

        var text = CliRunner.Run("laws", "jones-elo");
        Assert.Equal(0, text.Code);
        Assert.Contains("jones-elo: Elo = Elo_max*sigmoid(", text.Out);
        Assert.Contains("Jones 2021", text.Out);
        var unknown = CliRunner.Run("laws", "jonse-elo");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown law 'jonse-elo'", unknown.Error);
    }

    [Fact]
    public void MetricKind_BadCombinationsAndValues_AreBadInput()
    {
        using var dir = new TempDirectory();
        var accuracy = dir.File("acc.csv", "compute,acc\n1,0.5\n10,0.6\n100,57\n1000,0.8\n");
        var bounded = CliRunner.Run("fit", accuracy, "--law", "chinchilla", "--metric", "acc", "--metric-kind", "accuracy");
        Assert.Equal(2, bounded.Code);
        Assert.Contains("a law stated over a loss", bounded.Error);
        Assert.Contains("bounded law", bounded.Error);
        var percent = CliRunner.Run("fit", accuracy, "--law", "zhai", "--metric", "acc", "--metric-kind", "accuracy");
        Assert.Equal(2, percent.Code);
        Assert.Contains("row 3, column 'acc'", percent.Error);
        Assert.Contains("divide a percentage by 100", percent.Error);
        var unknown = CliRunner.Run("fit", accuracy, "--law", "zhai", "--metric", "acc", "--metric-kind", "accuracies");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown metric kind 'accuracies'", unknown.Error);
        var noInput = CliRunner.Run("fit", accuracy, "--law", "zhai", "--metric", "acc", "--x", "compute");
        Assert.Equal(2, noInput.Code);
        Assert.Contains("--x", noInput.Error);
    }

    [Fact]
    public void MetricKind_Perplexity_IsFittedAsNats()
    {
        // Perplexities of a Chinchilla-law grid: fitted as ln PPL, the law's parameters come back.
        var law = ChinchillaLaw.Instance;
        var truth = LawFormulaTests.Named(("E", 1.69), ("A", 406.4), ("B", 410.7), ("alpha", 0.34), ("beta", 0.28));
        var csv = new StringBuilder("N,D,ppl\n");
        int k = 0;
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9, 1e10 })
        foreach (var d in new[] { 2e9, 6e9, 2e10, 6e10, 2e11 })
        {
            double loss = law.Predict(truth, ScalingData.Point(n, d)) * Math.Exp(0.002 * Math.Sin(7 * k++));
            csv.Append(CultureInfo.InvariantCulture, $"{n:R},{d:R},{Math.Exp(loss):R}\n");
        }
        using var dir = new TempDirectory();
        var (code, output, error) = CliRunner.Run("fit", dir.File("ppl.csv", csv.ToString()), "--metric", "ppl", "--metric-kind", "perplexity", "--starts", "450", "--json");
        Assert.True(code == 0, error);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal(0.34, document.Parameters["alpha"], 0.01);
        Assert.Equal(1.69, document.Parameters["E"], 0.05);
        Assert.Contains(document.Diagnostics, d => d.Code == "metric-kind" && d.Message.Contains("ln ppl in nats per token", StringComparison.Ordinal));
    }

    // The design as CSV, each variable under its header, the metric perturbed by exp(1e-4·sin 7i) (or, written as 1 − y, its complement).
    private static string Csv(ScalingData data, IReadOnlyDictionary<string, string> header, string metric, bool complement)
    {
        var variables = data.Variables.Where(v => header.ContainsKey(v.Symbol)).ToArray();
        var sb = new StringBuilder(string.Join(",", variables.Select(v => header[v.Symbol]).Append(metric)) + "\n");
        for (int i = 0; i < data.Count; i++)
        {
            double y = data.Y[i] * Math.Exp(1e-4 * Math.Sin(7 * i));
            var cells = variables.Select(v => data.Values(v)[i].ToString("R", CultureInfo.InvariantCulture)).Append((complement ? 1 - y : y).ToString("R", CultureInfo.InvariantCulture));
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }
}
