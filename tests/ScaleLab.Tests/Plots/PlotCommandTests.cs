using ScaleLab.Cli;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Serialization;
using ScaleLab.Uncertainty;
using ScaleLab.Tests.Support;
using SkiaSharp;

namespace ScaleLab.Tests.Plots;

public sealed class PlotCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalelab-plot-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv()
    {
        // Six runs at two budgets on Hoffmann et al.'s rounded law (eq. 10), enough for a fit to draw.
        var path = Path.Combine(_dir, "runs.csv");
        var lines = new List<string> { "params,tokens,loss" };
        foreach (var (n, d) in new[] { (1e8, 2e9), (3e8, 6e9), (1e9, 2e10), (3e9, 6e10), (1e8, 2e10), (1e9, 2e9), (3e8, 2e10), (3e9, 2e9) })
            lines.Add(FormattableString.Invariant($"{n},{d},{1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28)}"));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Plot_WithoutFit_WritesThePng()
    {
        var png = Path.Combine(_dir, "loss.png");
        Assert.Equal(0, Run("plot", Csv(), "--out", png, "--kind", "loss-parameters"));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(960, bitmap.Width);
    }

    [Fact]
    public void Plot_BadInput_ExitsWith2AndWritesNothing()
    {
        var csv = Csv();
        Assert.Equal(Program.BadInput, Run("plot", csv, "--out", Path.Combine(_dir, "loss.gif")));
        Assert.Equal(Program.BadInput, Run("plot", csv, "--out", Path.Combine(_dir, "f.png"), "--kind", "frontier"));
        Assert.Equal(Program.BadInput, Run("plot", csv, "--out", Path.Combine(_dir, "k.png"), "--kind", "nonsense"));
        Assert.Equal(Program.BadInput, Run("plot", Path.Combine(_dir, "missing.csv"), "--out", Path.Combine(_dir, "m.png")));
        Assert.Equal(new[] { "runs.csv" }, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).ToArray());
    }

    [SkippableFact]
    public void Report_EpochDataset_WritesASelfContainedPage()
    {
        var csv = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        Skip.If(csv is null, SharedData.Missing);
        var html = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Run("report", csv!, "--law", "chinchilla", "--out", html));
        var text = File.ReadAllText(html);
        Assert.Contains("245 runs", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(HtmlReportTests.ExternalReference, text);
    }

    /// <summary>A fit document of the CSV's runs with a bootstrap section of 30 made-up resamples around the estimate.</summary>
    private string FitDocumentWithBootstrap(string csv)
    {
        var data = ObservationReader.Read(csv);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(data), new FitOptions { MaxStarts = 200 });
        var p = fit.Parameters;
        var samples = Enumerable.Range(0, 30).Select(k => (IReadOnlyList<double>)[p["E"], p["A"], p["B"], p["alpha"] + 0.001 * (k - 15), p["beta"] - 0.0005 * (k - 15)]).ToArray();
        var document = FitDocument.From(fit, data) with
        {
            Bootstrap = new BootstrapEntry { Resamples = 30, Seed = 1, Samples = samples },
            Intervals = new Dictionary<string, Interval> { ["alpha"] = new(p["alpha"] - 0.01, p["alpha"] + 0.01, 0.9, "percentile bootstrap") },
        };
        var path = Path.Combine(_dir, "fit.json");
        document.Save(path);
        return path;
    }

    [Fact]
    public void FitDocument_ReadBack_KeepsParametersSamplesAndIntervals()
    {
        // What FitView.From(document) held now lives in the one model: the fitted law and its analysis.
        var document = FitDocument.Load(FitDocumentWithBootstrap(Csv()));
        var fitted = document.ToFittedLaw();
        var analysis = document.ToAnalysis()!;
        Assert.Equal("chinchilla", fitted.Law.Name);
        Assert.Equal(document.Parameters["alpha"], fitted.Parameters["alpha"]);
        var samples = analysis.Bootstrap!.PublishedSamples();
        Assert.Equal(30, samples.Length);
        Assert.Equal(document.Bootstrap!.Samples[7], samples[7]);
        // The document's interval wins over one computed from the samples; its level sets the bands'.
        Assert.Equal(document.Intervals["alpha"].Lower, analysis.IntervalOf("alpha")!.Lower);
        Assert.Equal(0.9, analysis.Options.Level);
        Assert.Equal("percentile", analysis.IntervalOf("beta")!.Method);
        Assert.Equal(document.Status, ScaleLab.Serialization.JsonOutput.Word(fitted.Status));
    }

    [Fact]
    public void Plot_SavedFitWithBootstrap_DrawsTheExponentHistogram()
    {
        var csv = Csv();
        var fit = FitDocumentWithBootstrap(csv);
        var svg = Path.Combine(_dir, "exponents.svg");
        Assert.Equal(0, Run("plot", csv, "--fit", fit, "--kind", "exponents", "--out", svg));
        Assert.Contains("alpha", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.Equal(Program.BadInput, Run("plot", csv, "--fit", fit, "--law", "chinchilla", "--out", Path.Combine(_dir, "both.png")));
        var html = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Run("report", csv, "--fit", fit, "--out", html));
        Assert.Contains("30 bootstrap resamples", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithHardware_AddsGpuHoursEnergyAndEmissionsColumns()
    {
        var csv = Csv();
        var html = Path.Combine(_dir, "hardware.html");
        Assert.Equal(0, Run("report", csv, "--law", "chinchilla", "--gpu-flops", "989e12", "--gpu-power-watts", "700", "--pue", "1.1",
            "--grid-kgco2-per-kwh", "0.4", "--out", html));
        var page = File.ReadAllText(html);
        foreach (var header in new[] { "GPU-hours", "energy [kWh]", "emissions [kg CO2e]" }) Assert.Contains(header, page, StringComparison.Ordinal);
        Assert.DoesNotContain(">cost<", page, StringComparison.Ordinal);
        Assert.Equal(Program.BadInput, Run("report", csv, "--law", "chinchilla", "--pue", "1.1", "--out", Path.Combine(_dir, "bad.html")));
        Assert.False(File.Exists(Path.Combine(_dir, "bad.html")));
    }
}
