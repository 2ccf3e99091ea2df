using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScaleLab.Tests.Cli;

/// <summary>Formula laws and law files through every command that takes a law: fit, predict, compare, plot, report, and the bad-formula errors.</summary>
public class FormulaLawCliTests
{
    private const string Chinchilla = "E + A*N^-alpha + B*D^-beta";

    private static readonly string[] Bounds =
        ["--bound", "E=0.01:10", "--bound", "A=1:1e6", "--bound", "B=1:1e6", "--bound", "alpha=0:2", "--bound", "beta=0:2"];

    private static string LawFile(string name) => Path.Combine(AppContext.BaseDirectory, "laws", name);

    // 48 runs of a law with a vocabulary term, L = 1.7 + 400 N^-0.34 + 410 D^-0.28 + 3 V^-0.5, perturbed by exp(0.002 sin 7k).
    private static string VocabRunsCsv()
    {
        var csv = new StringBuilder("params,tokens,V,loss\n");
        int k = 0;
        foreach (var n in new[] { 1e8, 1e9, 1e10 })
        foreach (var d in new[] { 2e9, 2e10, 2e11, 2e12 })
        foreach (var v in new[] { 4e3, 3.2e4, 1.28e5, 5.12e5 })
        {
            double loss = (1.7 + 400 * Math.Pow(n, -0.34) + 410 * Math.Pow(d, -0.28) + 3 * Math.Pow(v, -0.5)) * Math.Exp(0.002 * Math.Sin(7 * k++));
            csv.Append(CultureInfo.InvariantCulture, $"{n:R},{d:R},{v:R},{loss:R}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public void Fit_Formula_SavedFitPredictsWithoutTheFormula()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var fitPath = dir.File("fit.json");
        var (code, _, error) = CliRunner.Run(["fit", runs, "--law", Chinchilla, .. Bounds, "--out", fitPath, "--json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(fitPath));
        Assert.Equal(Chinchilla, doc.RootElement.GetProperty("formulaLaw").GetProperty("formula").GetString());
        var p = doc.RootElement.GetProperty("parameters");
        double Get(string name) => p.GetProperty(name).GetDouble();
        // Hoffmann et al.'s eq. 10 generated the runs: the fit comes back close to it.
        Assert.Equal(0.34, Get("alpha"), 0.02);

        var points = dir.File("new.csv", "params,tokens\n1e9,2e10\n7e10,1.4e12\n");
        var (pcode, pout, perror) = CliRunner.Run(["predict", "--fit", fitPath, "--points", points, "--json"]);
        Assert.True(pcode == 0, perror);
        using var prediction = JsonDocument.Parse(pout);
        var rows = prediction.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        foreach (var row in rows)
        {
            double n = row.GetProperty("parameters").GetDouble(), d = row.GetProperty("tokens").GetDouble();
            double expected = Get("E") + Get("A") * Math.Pow(n, -Get("alpha")) + Get("B") * Math.Pow(d, -Get("beta"));
            Assert.Equal(expected, row.GetProperty("prediction").GetDouble(), 1e-12 * expected);
        }
    }

    [Fact]
    public void Compare_MixesANameALawFileAndAFormula_AndTheyAgree()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var laws = $"chinchilla,{LawFile("chinchilla-hoffmann-2022.toml")},{Chinchilla}";
        var (code, output, error) = CliRunner.Run(["compare", runs, "--laws", laws, .. Bounds, "--holdout", "largest-compute:20%", "--json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var scores = doc.RootElement.GetProperty("comparisons")[0].GetProperty("scores").EnumerateArray().ToArray();
        Assert.Equal(3, scores.Length);
        Assert.Contains(scores, s => s.GetProperty("law").GetString() == "chinchilla-formula");
        Assert.Contains(scores, s => s.GetProperty("law").GetString() == Chinchilla);
        // Three spellings of one law on one objective: one optimum.
        var objectives = scores.Select(s => s.GetProperty("objective").GetDouble()).ToArray();
        foreach (var o in objectives) Assert.Equal(objectives.Min(), o, 1e-7 * objectives.Min());
    }

    [Fact]
    public void Plot_AgainstANamedVariable_AndReport_TakeAFormulaLaw()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", VocabRunsCsv());
        var fitPath = dir.File("fit.json");
        string[] law = ["--law", Chinchilla + " + G*V^-g", .. Bounds, "--bound", "G=0.01:100", "--bound", "g=0:2"];
        var (code, _, error) = CliRunner.Run(["fit", runs, .. law, "--out", fitPath, "--json"]);
        Assert.True(code == 0, error);
        var svg = dir.File("loss-vs-vocab.svg");
        var (pcode, pout, perror) = CliRunner.Run(["plot", runs, "--fit", fitPath, "--x", "V", "--out", svg, "--json"]);
        Assert.True(pcode == 0, perror);
        Assert.True(File.Exists(svg));
        using var plot = JsonDocument.Parse(pout);
        Assert.Contains("V", plot.RootElement.GetProperty("plot").GetProperty("x").GetProperty("label").GetString());

        var html = dir.File("report.html");
        var (rcode, _, rerror) = CliRunner.Run(["report", runs, .. law, "--out", html]);
        Assert.True(rcode == 0, rerror);
        Assert.Contains("G*V^-g", File.ReadAllText(html));
    }

    [Theory]
    [InlineData("E + A*N^-alpha + B*D^-(beta", "missing ')' at column 28", "                             ^")]
    [InlineData("E + A*N^-alpha + B*D^-beta + sqr(N)", "unknown function 'sqr'", "did you mean 'sqrt'?")]
    [InlineData("E + A*N^-alpha + B*D^-beta + 2N", "2*N", "^")]
    [InlineData("E + A*N^-alpha + B*tokns^-beta", "'tokns' is not a column of the data", "did you mean D?")]
    [InlineData("E + A*N^-alpha + B*D^-beta*exp(-m*N)", "parameter 'm' needs a finite range", "--bound m=LO:HI")]
    public void Fit_BadFormula_ExitsTwoNamingItAndWritesNothing(string formula, string first, string second)
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var outPath = Path.Combine(dir.Path, "fit.json");
        var (code, output, error) = CliRunner.Run(["fit", runs, "--law", formula, .. Bounds, "--out", outPath]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error.Split('\n').First(l => l.StartsWith("error", StringComparison.Ordinal)));
        Assert.Contains(first, error);
        Assert.Contains(second, error);
        Assert.False(File.Exists(outPath), "no file may be written on bad input");
    }

    [Fact]
    public void Fit_LawFileWithABadFormula_NamesTheFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var bad = File.ReadAllText(LawFile("chinchilla-hoffmann-2022.toml")).Replace("B*D^-beta\"", "B*D^-beta)\"");
        var lawFile = dir.File("bad.toml", bad);
        var (code, _, error) = CliRunner.Run(["fit", runs, "--law-file", lawFile]);
        Assert.Equal(2, code);
        Assert.Contains("bad.toml", error);
        Assert.Contains("unexpected ')'", error);
    }
}
