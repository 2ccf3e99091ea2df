using System.Text;
using System.Text.Json;
using ScaleLab.Serialization;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Data;

/// <summary>Inputs as training code and notebooks write them, through the command line as a user runs it.</summary>
public class InputFeatureTests
{
    // Six runs on a Kaplan-like N curve at fixed D (enough for the two-parameter pure power law).
    internal const string Runs = "N,D,loss\n1e8,1e10,3.1\n2e8,1e10,2.95\n4e8,1e10,2.82\n8e8,1e10,2.71\n1.6e9,1e10,2.61\n3.2e9,1e10,2.52\n";

    // The rows of Runs as cells (N, D, loss), and a CSV made from them.
    private static string[][] Cells() => Runs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();

    private static string Csv(string header, Func<string[], string> row) => header + "\n" + string.Join("\n", Cells().Select(row)) + "\n";

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static FitDocument Fit(string path, params string[] extra)
    {
        var (code, output, error) = CliRunner.Run(["fit", path, "--law", "kaplan-n", "--json", .. extra]);
        Assert.True(code == 0, error);
        return FitDocument.Parse(output, "stdout");
    }

    private static string BadInput(params string[] args) => BadInputWith(null, args);

    private static string BadInputWith(byte[]? input, params string[] args)
    {
        var (code, output, error) = CliRunner.RunWithInput(input, args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain(line, c => c < ' ' && c != '\t');
        return line;
    }

    [Fact]
    public void Dash_ReadsStandardInput_CsvAndJson()
    {
        var (code, output, error) = CliRunner.RunWithInput(Runs, "fit", "-", "--law", "kaplan-n", "--json");
        Assert.True(code == 0, error);
        var document = FitDocument.Parse(output, "stdout");
        Assert.Equal("standard input", document.Input.Path);
        Assert.Equal(6, document.Input.Rows);
        var json = "[" + string.Join(",", Cells().Select(c => $"{{\"N\": {c[0]}, \"D\": {c[1]}, \"loss\": {c[2]}}}")) + "]";
        var fromJson = CliRunner.RunWithInput(json, "fit", "-", "--law", "kaplan-n", "--json");
        Assert.Equal(0, fromJson.Code);
        Assert.Equal(document.Parameters, FitDocument.Parse(fromJson.Out, "stdout").Parameters);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void Csv_WithSemicolonsOrTabs_IsSniffedFromTheHeader(char separator)
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", Runs.Replace(',', separator));
        var document = Fit(path);
        Assert.Equal(6, document.Input.Rows);
        Assert.Contains(document.Diagnostics, d => d.Code == "delimiter");
        Assert.Equal(Fit(dir.File("plain.csv", Runs)).Parameters, document.Parameters);
    }

    [Fact]
    public void CommentLines_AreSkipped_ButAHashValueInARowIsData()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", "# exported from a notebook\n# seed 1\n" + Csv("color,N,D,loss", c => "#faebdd," + string.Join(",", c)) + "# the end\n");
        var document = Fit(path);
        Assert.Equal(6, document.Input.Rows);
        Assert.Contains(document.Diagnostics, d => d.Code == "comment-lines" && d.Message.Contains("3 comment line"));
    }

    [Fact]
    public void MissingMetric_ErrorsByDefault_AndDropSaysHowManyWent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", Runs + "6.4e9,1e10,\n1.28e10,1e10,NaN\n");
        var line = BadInput("fit", path, "--law", "kaplan-n");
        Assert.Contains($"{path}, row 7, column 'loss': the cell is empty", line);
        Assert.Contains("--missing drop", line);
        var document = Fit(path, "--missing", "drop");
        Assert.Equal(6, document.Input.Rows);
        Assert.Contains(document.Diagnostics, d => d.Code == "dropped-missing" && d.Message.Contains("dropped 2 row(s)") && d.Message.Contains("rows 7, 8"));
        Assert.Contains("--missing must be error or drop", BadInput("fit", path, "--missing", "skip"));
        Assert.Contains("no data rows left", BadInput("fit", dir.File("none.csv", "N,D,loss\n1e9,1e10,NaN\n"), "--law", "kaplan-n", "--missing", "drop"));
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 }, "gzip-compressed")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10 }, "PNG image")]
    [InlineData(new byte[] { 0x50, 0x4b, 3, 4, 20, 0, 0, 0 }, "zip archive")]
    [InlineData(new byte[] { 0x4e, 0x2c, 0x44, 0, 0xff, 0x01, 0x02, 0x03 }, "binary file (a NUL byte at byte 4)")]
    public void BinaryFile_SaysWhatItLooksLike(byte[] bytes, string looksLike)
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv");
        File.WriteAllBytes(path, bytes);
        var line = BadInput("fit", path);
        Assert.Contains($"{path}: looks like a {looksLike}", line);
        Assert.DoesNotContain("only a header", line);
    }

    [Fact]
    public void Encodings_Utf16WithoutMarkAndLatin1_AreRead()
    {
        using var dir = new TempDirectory();
        var utf16 = dir.File("utf16.csv");
        File.WriteAllBytes(utf16, Encoding.Unicode.GetBytes(Runs));
        Assert.Contains(Fit(utf16).Diagnostics, d => d.Code == "encoding" && d.Message.Contains("UTF-16"));
        var latin1 = dir.File("latin1.csv");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes(Csv("Größe,N,D,loss", c => "groß," + string.Join(",", c))));
        var document = Fit(latin1);
        Assert.Contains(document.Diagnostics, d => d.Code == "encoding" && d.Message.Contains("Latin-1"));
    }

    [Fact]
    public void WandbExportNames_AreRecognised_AndTwoLossesMustBeChosen()
    {
        using var dir = new TempDirectory();
        int i = 0;
        var wandb = dir.File("wandb.csv", Csv("Name,_step,model/num_parameters,tokens,train/loss", c => $"run-{i},{100 * i++},{string.Join(",", c)}"));
        var document = Fit(wandb);
        Assert.Contains(document.Diagnostics, d => d.Code == "columns" && d.Message.Contains("N = 'model/num_parameters'") && d.Message.Contains("metric = 'train/loss'"));
        var both = dir.File("both.csv", "model/num_parameters,tokens,train/loss,eval/loss\n1e9,1e10,2.5,2.6\n");
        Assert.Contains("columns 'train/loss' and 'eval/loss' both look like the metric; choose one with --metric", BadInput("fit", both));
    }

    [Fact]
    public void EveryReadingCommand_SaysWhichColumnsItUsed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", Csv("params,C,loss", c => $"{c[0]},{6 * Number(c[0]) * 1e10:R},{c[2]}"));
        const string expected = "read 6 rows: N = 'params', D = C/(6N), C = 'C', metric = 'loss'";
        Assert.Contains(Fit(path).Diagnostics, d => d.Code == "columns" && d.Message == expected);
        foreach (var command in new[] { "isoflop", "envelope" })
        {
            var (_, _, error) = CliRunner.Run(command, path);
            Assert.Contains($"note: {path}: {expected}", error);
        }
        var compare = CliRunner.Run("compare", path, "--laws", "kaplan-n", "--holdout", "none", "--json");
        using var json = JsonDocument.Parse(compare.Out);
        Assert.Contains(json.RootElement.GetProperty("input").GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("message").GetString() == expected);
    }

    [Fact]
    public void ComputeInAnotherUnit_IsWarnedAndConverted()
    {
        using var dir = new TempDirectory();
        // C in PF-days: 6ND / 8.64e19.
        var path = dir.File("pfdays.csv", Csv("N,D,C,loss", c => $"{c[0]},{c[1]},{6 * Number(c[0]) * 1e10 / 8.64e19:R},{c[2]}"));
        var warning = Assert.Single(Fit(path).Diagnostics, d => d.Code == "compute-unit");
        Assert.Contains("it looks like PF-days; pass --compute-unit pf-days", warning.Message);
        var converted = Fit(path, "--compute-unit", "pf-days");
        Assert.DoesNotContain(converted.Diagnostics, d => d.Code is "compute-unit" or "compute-convention");
        Assert.Equal(6 * 1e8 * 1e10, converted.Input.Ranges["compute"].Min, 1e-6 * 6e18);
        Assert.Contains("--compute-unit: 'furlongs' is not a unit (known: flop, gflop, tflop, pflop, eflop, pf-days)", BadInput("fit", path, "--compute-unit", "furlongs"));
    }

    [SkippableFact]
    public void OlmoLadder_GflopColumn_IsNamedAsGflop()
    {
        var path = SharedData.File("olmo-ladder/ladder_final.csv");
        Skip.If(path is null, SharedData.Missing);
        string[] args = ["fit", path!, "--metric", "c4_en_ce", "--params", "n_params", "--compute", "training_gflops", "--starts", "20", "--json"];
        var (code, output, _) = CliRunner.Run(args);
        Assert.Equal(0, code);
        var warning = Assert.Single(FitDocument.Parse(output, "stdout").Diagnostics, d => d.Code == "compute-unit");
        Assert.Contains("on 25 of 25 rows", warning.Message);
        Assert.Contains("it looks like GFLOP; pass --compute-unit gflop", warning.Message);
        var (fixedCode, fixedOutput, _) = CliRunner.Run([.. args, "--compute-unit", "gflop"]);
        Assert.Equal(0, fixedCode);
        Assert.DoesNotContain(FitDocument.Parse(fixedOutput, "stdout").Diagnostics, d => d.Code is "compute-unit" or "compute-convention");
    }

    [Fact]
    public void Json_LoneSurrogateDuplicateKeysAndAmbiguousArrays()
    {
        using var dir = new TempDirectory();
        var rows = Cells().Select(c => $"{{\"N\": {c[0]}, \"D\": {c[1]}, \"loss\": {c[2]}, \"note\": \"\\ud800 and \\udc00x\"}}").ToArray();
        var surrogate = dir.File("surrogate.json", "[" + string.Join(",", rows) + "]");
        Assert.Equal(6, Fit(surrogate).Input.Rows);

        var twice = dir.File("twice.json", "[{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}, {\"N\": 2e9, \"N\": 3e9, \"D\": 1e10, \"loss\": 2.4}]");
        var line = BadInput("fit", twice);
        Assert.Contains($"{twice}, row 2, column 'N': the key appears twice in this object", line);

        var both = dir.File("both.json", "{\"runs\": [{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}], \"rows\": [{\"N\": 2e9, \"D\": 1e10, \"loss\": 2.4}]}");
        Assert.Contains("holds both a \"runs\" and a \"rows\" array", BadInput("fit", both));

        var nul = dir.File("nul.json", "[{\"N\": \"1e9\\u0000\", \"D\": 1e10, \"loss\": 2.5}]");
        Assert.Contains("row 1, column 'N': '1e9\\0' is not a number", BadInput("fit", nul));
    }

    [Fact]
    public void ErrorMessages_CapValuesEscapeControlsAndAvoidOverflow()
    {
        using var dir = new TempDirectory();
        var huge = dir.File("huge.csv", "N,D,loss\n1e9," + new string('7', 1_000_000) + "x,2.5\n");
        var line = BadInput("fit", huge);
        Assert.True(line.Length < 400, $"{line.Length} characters");
        Assert.Contains("(1000001 characters)", line);

        var control = dir.File("control.csv", "N,D,lo\u001b[31mss\n1e9,1e10,abc\u0007\n");
        var escaped = BadInput("fit", control, "--metric", "lo\u001b[31mss");
        Assert.Contains("column 'lo\\u001b[31mss': 'abc\\u0007' is not a number", escaped);

        // 6N overflows at N = 1e308; C/6/N does not.
        var big = dir.File("big.csv", "N,C,loss\n1e308,1e22,2.5\n");
        var points = ScaleLab.Data.ObservationReader.Read(big);
        Assert.Equal(1e22 / 6 / 1e308, points.Observations[0].Tokens.Value);
        var tiny = dir.File("tiny.csv", "N,C,loss\n1e308,1e-30,2.5\n");
        var underflow = BadInput("fit", tiny);
        Assert.Contains("C/(6N) = 0 is not a positive finite number (about 1e-339, outside the range of a double)", underflow);
        Assert.Contains($"{tiny}, row 1", underflow);
    }

    [Fact]
    public void IoErrors_NameTheUsersFile_NotTheTemporaryOne()
    {
        Assert.Equal("Access to the path '/data/fit.json' is denied.", ScaleLab.Cli.BadInputGuard.UserPath("Access to the path '/data/fit.json.tmp-4242' is denied."));
        Assert.Equal("Could not write /data/report.html", ScaleLab.Cli.BadInputGuard.UserPath("Could not write /data/.report.html.0123456789abcdef0123456789abcdef.tmp"));
    }

    [Fact]
    public void PlotAndReport_TakeTheDataOptionsOfFit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", Runs.Replace("N,D,loss", "N,D,c4_loss"));
        var fitPath = dir.File("fit.json");
        Assert.Equal(0, CliRunner.Run("fit", path, "--law", "kaplan-n", "--metric", "c4_loss", "--out", fitPath).Code);
        var plot = CliRunner.Run("plot", path, "--fit", fitPath, "--kind", "loss-parameters", "--out", dir.File("p.svg"), "--json");
        Assert.True(plot.Code == 0, plot.Error);
        Assert.Contains("metric = 'c4_loss'", plot.Error);
        var withOption = CliRunner.Run("plot", path, "--metric", "c4_loss", "--law", "kaplan-n", "--kind", "loss-parameters", "--out", dir.File("q.svg"));
        Assert.True(withOption.Code == 0, withOption.Error);
        var report = CliRunner.Run("report", path, "--metric", "c4_loss", "--law", "kaplan-n", "--drop-highest", "1", "--out", dir.File("r.html"), "--json");
        Assert.True(report.Code == 0, report.Error);
        using var summary = JsonDocument.Parse(report.Out);
        Assert.Equal(5, summary.RootElement.GetProperty("runs").GetInt32());
    }
}
