using ScaleLab.Data;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;
using SkiaSharp;

namespace ScaleLab.Tests.Plots;

public sealed class PlotRendererTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalelab-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PlotSpec Sample()
    {
        var rows = new List<Observation>();
        foreach (var d in new[] { 2e9, 5e10 })
        foreach (var n in new[] { 7e7, 3e8, 1e9, 4e9, 1.5e10 })
            rows.Add(Observation.FromParametersAndTokens(n, d, 1.69 + 406.4 / Math.Pow(n, 0.34) + 410.7 / Math.Pow(d, 0.28)));
        var fit = ScaleLab.Tests.Support.Fits.At(ChinchillaLaw.Instance, new Dictionary<string, double> { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 });
        return ScalingPlots.LossAgainst(ScaleVariable.Parameters, new ObservationSet("synthetic", "loss", rows), fit);
    }

    /// <summary>Fraction of pixels that are not (near) white.</summary>
    internal static double InkFraction(SKBitmap bitmap)
    {
        long ink = 0;
        for (int y = 0; y < bitmap.Height; y++)
        for (int x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (c.Red < 235 || c.Green < 235 || c.Blue < 235) ink++;
        }
        return (double)ink / (bitmap.Width * bitmap.Height);
    }

    [Fact]
    public void SavePng_WritesADecodableImageWithContent()
    {
        var path = Path.Combine(_dir, "loss.png");
        PlotRenderer.Save(Sample(), path, 800, 500);
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(500, bitmap.Height);
        // Axes, labels, 10 points and two curves: a few percent of the pixels carry ink; an empty canvas has none.
        Assert.InRange(InkFraction(bitmap), 0.02, 0.6);
    }

    [Fact]
    public void SaveSvg_HasDecadeLabelsUnitsAndTheFont()
    {
        var path = Path.Combine(_dir, "loss.svg");
        PlotRenderer.Save(Sample(), path);
        var svg = File.ReadAllText(path);
        Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains("font-family=\"DejaVu Sans\"", svg, StringComparison.Ordinal);
        Assert.Contains(">1e8<", svg.Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("model size N [parameters]", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void LogTicks_LabelDecadesAndFallBackOnNarrowRanges()
    {
        Assert.Equal("1e10", LogTicks.Label(10, 1));
        Assert.Equal("2e-3", LogTicks.Label(-3, 2));
        using var paint = ScottPlot.Paint.NewDisposablePaint();
        var wide = LogTicks.For(7.8, 10.4);
        wide.Regenerate(new ScottPlot.CoordinateRange(7.8, 10.4), ScottPlot.Edge.Bottom, new ScottPlot.PixelLength(800), paint, new ScottPlot.LabelStyle());
        Assert.Equal(["1e8", "1e9", "1e10"], wide.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray());
        var middle = LogTicks.For(Math.Log10(64), Math.Log10(2048));
        middle.Regenerate(new ScottPlot.CoordinateRange(Math.Log10(64), Math.Log10(2048)), ScottPlot.Edge.Bottom, new ScottPlot.PixelLength(800), paint, new ScottPlot.LabelStyle());
        Assert.Equal(["100", "200", "500", "1000", "2000"], middle.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray());
        var narrow = LogTicks.For(Math.Log10(2.1), Math.Log10(3.4));
        narrow.Regenerate(new ScottPlot.CoordinateRange(Math.Log10(2.1), Math.Log10(3.4)), ScottPlot.Edge.Left, new ScottPlot.PixelLength(500), paint, new ScottPlot.LabelStyle());
        // (3.4 − 2.1) / 6 = 0.217 rounds up to a step of 0.25.
        Assert.Equal(["2.25", "2.5", "2.75", "3", "3.25"], narrow.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray());
    }

    [Fact]
    public void SaveGrid_PutsFourRegimesInTwoByTwo()
    {
        var regimes = new[] { -1.0, -1.0, -0.5, -0.5 }.Select((slope, k) => RegimePlots.Build(new RegimeData(
            $"regime {k}", "training samples D", "samples", [10, 100, 1000], [1, Math.Pow(10, slope), Math.Pow(100, slope)], slope, slope))).ToArray();
        var png = Path.Combine(_dir, "regimes.png");
        PlotRenderer.SaveGrid(regimes, png, columns: 2, cellWidth: 400, cellHeight: 300);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(600, bitmap.Height);
        // Every quadrant holds a plot.
        foreach (var (x, y) in new[] { (0, 0), (400, 0), (0, 300), (400, 300) })
        {
            using var quadrant = new SKBitmap(400, 300);
            Assert.True(bitmap.ExtractSubset(quadrant, new SKRectI(x, y, x + 400, y + 300)));
            Assert.InRange(InkFraction(quadrant), 0.02, 0.6);
        }
        var svg = Path.Combine(_dir, "regimes.svg");
        PlotRenderer.SaveGrid(regimes, svg, columns: 2, cellWidth: 400, cellHeight: 300);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg x=\"400\" y=\"300\"", text, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(text, "<svg").Count);
    }

    [Fact]
    public void Save_RejectsOtherFormats() =>
        Assert.Throws<ArgumentException>(() => PlotRenderer.Save(Sample(), Path.Combine(_dir, "loss.gif")));
}
