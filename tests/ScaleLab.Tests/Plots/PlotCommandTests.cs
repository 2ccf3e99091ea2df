using ScaleLab.Cli;
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
}
