using System.Globalization;
using System.Text;
using ScaleLab.Cli;
using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Serialization;

namespace ScaleLab.Tests.Cli;

public class FitCommandTests
{
    private static readonly Dictionary<string, double> Hoffmann = new() { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 };

    /// <summary>
    /// 25 runs on a 5×5 grid of N and D from Hoffmann et al.'s published law, each loss perturbed by a
    /// deterministic factor exp(0.002·sin 7k): exact data would make every start's objective vanish.
    /// </summary>
    internal static string RunsCsv()
    {
        var law = ChinchillaLaw.Instance;
        var theta = law.FromNamed(Hoffmann);
        var csv = new StringBuilder("run,params,tokens,loss\n");
        int k = 0;
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9, 1e10 })
        foreach (var d in new[] { 2e9, 6e9, 2e10, 6e10, 2e11 })
        {
            var loss = law.Predict(theta, ScalingData.Point(n, d))[0] * Math.Exp(0.002 * Math.Sin(7 * k++));
            csv.Append(CultureInfo.InvariantCulture, $"r{n:0e0}-{d:0e0},{n:R},{d:R},{loss:R}\n");
        }
        return csv.ToString();
    }

    // A command line the parser rejects is bad input too: the parser's own message, exit 2.
    [Theory]
    [InlineData("fit", "runs.csv", "--lwa", "chinchilla")]
    [InlineData("fit")]
    [InlineData("fit", "runs.csv", "--starts", "many")]
    [InlineData("predcit", "--fit", "fit.json")]
    public void Cli_RejectedCommandLine_ExitsWithBadInput(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(Program.BadInput, code);
        Assert.NotEqual("", error.Trim());
    }

    [Fact]
    public void BuildRoot_ForASubcommand_BuildsOnlyThatOne()
    {
        var all = ScaleLab.Cli.Program.BuildRoot().Subcommands;
        Assert.NotEmpty(all);
        foreach (var command in all)
        {
            var only = Assert.Single(ScaleLab.Cli.Program.BuildRoot(command.Name).Subcommands);
            Assert.Equal(command.Name, only.Name);
        }
        Assert.Equal(all.Count, ScaleLab.Cli.Program.BuildRoot("--help").Subcommands.Count);
        Assert.Equal(all.Count, ScaleLab.Cli.Program.BuildRoot("fitt").Subcommands.Count);
    }

    [Fact]
    public void Fit_ExactData_JsonRecoversTheLawAndNamesTheInput()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var (code, output, error) = CliRunner.Run("fit", runs, "--law", "chinchilla", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal("converged", document.Status);
        Assert.Equal(4500, document.Starts);
        // Data from Hoffmann et al. 2022 eq. 10 (E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28), perturbed by at most 0.2 %.
        Assert.Equal(0.34, document.Parameters["alpha"], 0.01);
        Assert.Equal(0.28, document.Parameters["beta"], 0.01);
        Assert.Equal(1.69, document.Parameters["E"], 0.05);
        Assert.Equal(runs, document.Input.Path);
        Assert.Equal(25, document.Input.Rows);
        Assert.Equal("loss", document.Input.Metric);
        Assert.Contains(document.Diagnostics, d => d.Code == "derived-compute");
        // docs/science.md V8: a = 0.451613 for the published exponents.
        Assert.Equal(0.451613, document.Derived["a"], 0.01);
    }

    [Fact]
    public void Fit_HumanOutput_ShowsTableStatusAndDiagnosticsWithoutColour()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var (code, output, _) = CliRunner.Run("fit", runs, "--starts", "50");
        Assert.Equal(0, code);
        Assert.Contains("| alpha", output);
        Assert.Contains("Objective: huber-log (delta=0.001)", output);
        Assert.Contains("Starts: 50 run", output);
        Assert.Contains("info [derived-compute] compute derived as 6ND for all rows", output);
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public void Fit_OutThenPredict_RoundTripsThroughTheDocument()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var fitPath = dir.File("fit.json");
        var (code, _, _) = CliRunner.Run("fit", runs, "--starts", "200", "--out", fitPath);
        Assert.Equal(0, code);
        var document = FitDocument.Load(fitPath);

        var (predictCode, output, error) = CliRunner.Run("predict", "--fit", fitPath, "--params", "7e10,1e9", "--tokens", "1.4e12", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, predictCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(PredictionDocument.SchemaId, root.GetProperty("schema").GetString());
        var points = root.GetProperty("points");
        Assert.Equal(2, points.GetArrayLength());
        var law = ChinchillaLaw.Instance;
        var expected = law.Predict(law.FromNamed(document.Parameters), ScalingData.Point(7e10, 1.4e12))[0];
        Assert.Equal(expected, points[0].GetProperty("prediction").GetDouble(), 1e-12);
        Assert.Equal(5.88e23, points[0].GetProperty("compute").GetDouble(), 1e9);
        // 7e10 is 7 times the largest N fitted (1e10): no warning; 1.4e12 tokens is 7 times the largest D: none either.
        Assert.Equal(0, root.GetProperty("diagnostics").GetArrayLength());

        // Predicting from N and C derives D = C/(6N) and gives the same loss.
        var (_, viaCompute, _) = CliRunner.Run("predict", "--fit", fitPath, "--params", "7e10", "--compute", "5.88e23", "--json");
        using var viaComputeJson = System.Text.Json.JsonDocument.Parse(viaCompute);
        Assert.Equal(expected, viaComputeJson.RootElement.GetProperty("points")[0].GetProperty("prediction").GetDouble(), 1e-12);
    }

    [Fact]
    public void Predict_FarBeyondTheData_WarnsWithTheFactor()
    {
        using var dir = new TempDirectory();
        var fitPath = dir.File("fit.json");
        Assert.Equal(0, CliRunner.Run("fit", dir.File("runs.csv", RunsCsv()), "--starts", "20", "--out", fitPath).Code);
        var (code, output, _) = CliRunner.Run("predict", "--fit", fitPath, "--params", "1e12", "--tokens", "2e10");
        Assert.Equal(0, code);
        Assert.Contains("warning [extrapolation] point 1: parameters N = 1E+12 is 100 times the largest fitted (1E+10)", output);
    }

    [Fact]
    public void Predict_PointsFile_ShowsActualBesidePrediction()
    {
        using var dir = new TempDirectory();
        var fitPath = dir.File("fit.json");
        Assert.Equal(0, CliRunner.Run("fit", dir.File("runs.csv", RunsCsv()), "--starts", "20", "--out", fitPath).Code);
        var points = dir.File("points.csv", "N,D,loss\n1e9,2e10,2.5\n2e9,4e10,\n");
        var bad = CliRunner.Run("predict", "--fit", fitPath, "--points", points, "--json");
        Assert.Equal(2, bad.Code);
        Assert.Contains("row 2, column 'loss'", bad.Error);
        File.WriteAllText(points, "N,D\n1e9,2e10\n2e9,4e10\n");
        var (code, output, _) = CliRunner.Run("predict", "--fit", fitPath, "--points", points, "--json");
        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("points").GetArrayLength());
        File.WriteAllText(points, "N,D,loss\n1e9,2e10,2.5\n");
        var (_, text, _) = CliRunner.Run("predict", "--fit", fitPath, "--points", points);
        Assert.Contains("actual", text);
        Assert.Contains("2.5", text);
    }

    [Fact]
    public void Fit_FixAndTie_AreHonouredAndRecorded()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var (code, output, error) = CliRunner.Run("fit", runs, "--starts", "100", "--fix", "E=1.69", "--tie", "alpha=beta", "--json");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal(1.69, document.Parameters["E"], 1e-12);
        Assert.Equal(document.Parameters["alpha"], document.Parameters["beta"]);
        Assert.Equal(["A", "B", "alpha", "beta"], document.FreeParameters);
        Assert.Equal(1.69, document.Options.Fixed["E"]);
        Assert.Equal(["alpha", "beta"], Assert.Single(document.Options.Ties));

        var (_, table, _) = CliRunner.Run("fit", runs, "--starts", "20", "--fix", "E=1.69", "--tie", "alpha=beta");
        Assert.Contains("fixed", table);
        Assert.Contains("tied: alpha = beta", table);
    }

    [Fact]
    public void Fit_Bound_IsRecordedAndRespected()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = CliRunner.Run("fit", dir.File("runs.csv", RunsCsv()), "--starts", "50", "--bound", "alpha=0.4:0.9", "--json");
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.InRange(document.Parameters["alpha"], 0.4, 0.9);
        Assert.Equal(new BoundEntry(0.4, 0.9), document.Options.Bounds["alpha"]);
    }

    [Fact]
    public void Fit_DropHighest_DropsRowsAndSaysWhich()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = CliRunner.Run("fit", dir.File("runs.csv", RunsCsv()), "--starts", "20", "--drop-highest", "3", "--json");
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal(22, document.Input.Rows);
        // The three highest losses: the smallest model on the two smallest data sizes, and 3e8 on 2e9 tokens.
        Assert.Contains(document.Diagnostics, d => d.Code == "dropped-highest" && d.Message.EndsWith("rows 1, 2, 6"));
    }

    [Fact]
    public void Fit_JsonUnderCommaDecimalCulture_IsInvariant()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", RunsCsv());
        var invariant = CliRunner.Run("fit", runs, "--starts", "20", "--json").Out;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = ScaleLab.Tests.Data.ObservationReaderTests.CommaCulture();
            var german = CliRunner.Run("fit", runs, "--starts", "20", "--delta", "1e-3", "--json").Out;
            Assert.Equal(invariant, german);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [SkippableFact]
    public void Fit_EpochDataWithDropHighest_ReproducesBesiroglu()
    {
        var path = ScaleLab.Tests.Support.SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        Skip.If(path is null, ScaleLab.Tests.Support.SharedData.Missing);
        var (code, output, _) = CliRunner.Run("fit", path!, "--drop-highest", "5", "--json");
        Assert.Equal(0, code);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal(240, document.Input.Rows);
        // Besiroglu et al. 2024 (arXiv:2404.10102) refit on these 240 rows: E 1.8172, alpha 0.3478, beta 0.3658 (docs/science.md V10).
        Assert.Equal(1.8172, document.Parameters["E"], 0.01);
        Assert.Equal(0.3478, document.Parameters["alpha"], 0.005);
        Assert.Equal(0.3658, document.Parameters["beta"], 0.005);
    }

    [SkippableFact]
    public void Fit_SingleVariableLearningCurve_FitsBnslAndRefusesTwoVariableLaws()
    {
        var path = ScaleLab.Tests.Support.SharedData.File("bnsl-4digit-addition/four_digit_addition.csv");
        Skip.If(path is null, ScaleLab.Tests.Support.SharedData.Missing);
        using var dir = new TempDirectory();
        var fitPath = dir.File("bnsl.json");
        var (code, _, error) = CliRunner.Run("fit", path!, "--law", "bnsl", "--out", fitPath);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var document = FitDocument.Load(fitPath);
        Assert.Equal(["tokens"], document.Input.Variables);
        Assert.Equal(["tokens"], document.Input.Ranges.Keys);

        var (predictCode, output, _) = CliRunner.Run("predict", "--fit", fitPath, "--tokens", "500", "--json");
        Assert.Equal(0, predictCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var point = json.RootElement.GetProperty("points")[0];
        Assert.False(point.TryGetProperty("parameters", out _), "a law in D alone reports no N");
        var fitted = document.ToFittedLaw();
        Assert.Equal(fitted.Predict([ScalePoints.Create(fitted.Law, null, 500, null)]).Points[0].Value, point.GetProperty("prediction").GetDouble());

        var chinchilla = CliRunner.Run("fit", path!, "--law", "chinchilla");
        Assert.Equal(2, chinchilla.Code);
        Assert.Contains("no parameters N column", chinchilla.Error);
    }

    [Fact]
    public void Fit_ColumnOption_NamesAnyRole()
    {
        using var dir = new TempDirectory();
        var csv = RunsCsv().Replace("run,params", "id,params", StringComparison.Ordinal) + "r1e8-2e9,1e9,1e10,2.6\n";
        var path = dir.File("runs.csv", csv);
        var without = FitDocument.Parse(CliRunner.Run("fit", path, "--starts", "5", "--json").Out, "stdout");
        Assert.DoesNotContain(without.Diagnostics, d => d.Code == "duplicate-rows");
        var with = FitDocument.Parse(CliRunner.Run("fit", path, "--starts", "5", "--column", "run=id", "--json").Out, "stdout");
        Assert.Contains(with.Diagnostics, d => d.Code == "duplicate-rows" && d.Message.Contains("rows 1, 26 (same run id 'r1e8-2e9')"));
        var bad = CliRunner.Run("fit", path, "--column", "runner=id");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--column expects KEY=COLUMN with KEY one of params, tokens", bad.Error);
    }
}
