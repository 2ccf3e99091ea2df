using ScaleLab.IO;
using ScaleLab.Plots.Model;
using ScottPlot;

namespace ScaleLab.Plots.Rendering;

/// <summary>
/// Draws a <see cref="PlotSpec"/> with ScottPlot 5: log axes as log10 values with decade ticks,
/// toned series on the viridis scale, fitted laws in black, bands shaded, extrapolations dashed;
/// font DejaVu Sans so output is the same on every machine that has it. PNG and SVG.
/// </summary>
public static class PlotRenderer
{
    /// <summary>The font every plot uses.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 960;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 600;

    private static readonly IColormap Scale = new ScottPlot.Colormaps.Viridis();

    /// <summary>
    /// Writes the plot as PNG or SVG, chosen by the extension of <paramref name="path"/>, atomically (<see cref="AtomicFile"/>):
    /// the image is drawn in memory first, so a failure never leaves a partial image or removes the earlier one.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/>).</exception>
    public static void Save(PlotSpec spec, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".png": AtomicFile.WriteAllBytes(path, Png(spec, width, height)); break;
            case ".svg": AtomicFile.WriteAllText(path, Svg(spec, width, height)); break;
            default: throw new ArgumentException($"'{path}': the image format is chosen by the extension, .png or .svg");
        }
    }

    /// <summary>
    /// Several plots in one image, row by row in <paramref name="columns"/> columns, each
    /// <paramref name="cellWidth"/> × <paramref name="cellHeight"/> pixels (PNG or SVG by extension).
    /// The four regimes of a scaling experiment fit a 2 × 2 grid.
    /// </summary>
    /// <exception cref="ArgumentException">No plots, a non-positive column count, or an extension other than .png or .svg.</exception>
    public static void SaveGrid(IReadOnlyList<PlotSpec> specs, string path, int columns = 2, int cellWidth = 640, int cellHeight = 440)
    {
        if (specs.Count == 0) throw new ArgumentException("no plots to save", nameof(specs));
        if (columns < 1) throw new ArgumentException("at least one column", nameof(columns));
        int rows = (specs.Count + columns - 1) / columns;
        int width = Math.Min(columns, specs.Count) * cellWidth, height = rows * cellHeight;
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
            {
                using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
                surface.Canvas.Clear(SkiaSharp.SKColors.White);
                for (int k = 0; k < specs.Count; k++)
                {
                    using var cell = SkiaSharp.SKBitmap.Decode(Png(specs[k], cellWidth, cellHeight));
                    surface.Canvas.DrawBitmap(cell, k % columns * cellWidth, k / columns * cellHeight);
                }
                using var image = surface.Snapshot();
                using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
                AtomicFile.WriteAllBytes(path, data.ToArray());
                break;
            }
            case ".svg":
            {
                var svg = new System.Text.StringBuilder();
                svg.Append($"<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\">\n");
                for (int k = 0; k < specs.Count; k++)
                {
                    var cell = Svg(specs[k], cellWidth, cellHeight);
                    cell = cell[cell.IndexOf("<svg", StringComparison.Ordinal)..];
                    // Nested <svg> elements are placed by their x and y attributes.
                    svg.Append($"<svg x=\"{k % columns * cellWidth}\" y=\"{k / columns * cellHeight}\"").Append(cell["<svg".Length..]).Append('\n');
                }
                svg.Append("</svg>\n");
                AtomicFile.WriteAllText(path, svg.ToString());
                break;
            }
            default:
                throw new ArgumentException($"'{path}': the image format is chosen by the extension, .png or .svg");
        }
    }

    /// <summary>The plot as an SVG document (for inlining in HTML).</summary>
    public static string Svg(PlotSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        using var plot = Build(spec);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] Png(PlotSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        using var plot = Build(spec);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The ScottPlot plot for <paramref name="spec"/>; the caller disposes it.</summary>
    public static Plot Build(PlotSpec spec)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        double fx(double v) => spec.X.Log ? Math.Log10(v) : v;
        double fy(double v) => spec.Y.Log ? Math.Log10(v) : v;

        foreach (var span in spec.Spans)
        {
            if (span.To > span.From)
            {
                var s = plot.Add.HorizontalSpan(fx(span.From), fx(span.To), Colors.Gray.WithAlpha(0.12));
                s.LineWidth = 0;
                s.LegendText = span.Label;
            }
        }
        foreach (var series in spec.Series) Add(plot, series, fx, fy);
        var (xmin, xmax) = Limits(spec, horizontal: true, fx);
        var (ymin, ymax) = Limits(spec, horizontal: false, fy);
        foreach (var span in spec.Spans)
        {
            if (span.To <= span.From)
            {
                var color = span.Tone is { } t ? Scale.GetColor(0.85 * t) : Colors.DimGray;
                AddDashed(plot, [fx(span.From), fx(span.From)], [ymin, ymax], color, 1.5f, span.Label, segments: 40);
            }
        }

        plot.Title(spec.Title);
        plot.XLabel(spec.X.Title);
        plot.YLabel(spec.Y.Title);
        plot.Axes.SetLimits(xmin, xmax, ymin, ymax);
        plot.Axes.Bottom.TickGenerator = spec.X.Log ? LogTicks.For(xmin, xmax) : InvariantTicks();
        plot.Axes.Left.TickGenerator = spec.Y.Log ? LogTicks.For(ymin, ymax) : InvariantTicks();
        if (spec.Series.Any(s => s.Label.Length > 0) || spec.Spans.Count > 0)
        {
            if (spec.LegendInside) plot.ShowLegend(Alignment.UpperRight);
            else plot.ShowLegend(Edge.Right);
        }
        return plot;
    }

    private static void Add(Plot plot, PlotSeries series, Func<double, double> fx, Func<double, double> fy)
    {
        var color = series.Tone is { } t ? Scale.GetColor(0.85 * t) : Colors.Black;
        var keep = Enumerable.Range(0, series.X.Length).Where(i =>
            double.IsFinite(fx(series.X[i])) && double.IsFinite(fy(series.Y[i]))
            && (series.Kind != SeriesKind.Band || (double.IsFinite(fy(series.Low![i])) && double.IsFinite(fy(series.High![i]))))).ToArray();
        if (keep.Length == 0) return;
        var xs = keep.Select(i => fx(series.X[i])).ToArray();
        var ys = keep.Select(i => fy(series.Y[i])).ToArray();
        switch (series.Kind)
        {
            case SeriesKind.Points:
            {
                var s = plot.Add.ScatterPoints(xs, ys, color.WithAlpha(0.85));
                s.MarkerSize = 6;
                s.LegendText = series.Label;
                break;
            }
            case SeriesKind.Line:
            {
                if (series.Dashed)
                {
                    AddDashed(plot, xs, ys, color, 2, series.Label, segments: xs.Length == 2 ? 40 : 0);
                    break;
                }
                var s = plot.Add.ScatterLine(xs, ys, color);
                s.LineWidth = 2;
                s.LegendText = series.Label;
                break;
            }
            case SeriesKind.Band:
            {
                var fill = series.Tone is null ? Colors.Gray.WithAlpha(0.3) : color.WithAlpha(0.22);
                var s = plot.Add.FillY(xs, keep.Select(i => fy(series.Low![i])).ToArray(), keep.Select(i => fy(series.High![i])).ToArray());
                s.FillColor = fill;
                s.LineWidth = 0;
                s.LegendText = series.Label;
                break;
            }
            case SeriesKind.Bars:
            {
                var bars = keep.Select(i => new Bar
                {
                    Position = series.X[i], Value = series.Y[i], Size = series.Width,
                    FillColor = color.WithAlpha(0.55), LineWidth = 0,
                }).ToArray();
                var s = plot.Add.Bars(bars);
                s.LegendText = series.Label;
                break;
            }
        }
    }

    /// <summary>ScottPlot's automatic ticks label with the current culture (-0,025 in German): force invariant labels.</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic InvariantTicks() => new()
    {
        LabelFormatter = v => Math.Round(v, 12).ToString("G", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A dashed line drawn as separate segments: Skia's SVG backend drops path effects (LinePattern),
    /// so real dashes are the only way the SVG shows an extrapolation as dashed. The polyline is
    /// first resampled to <paramref name="segments"/> equal pieces when that is positive.
    /// </summary>
    private static void AddDashed(Plot plot, double[] xs, double[] ys, Color color, float width, string label, int segments)
    {
        if (segments > 0 && xs.Length == 2)
        {
            xs = Enumerable.Range(0, segments + 1).Select(i => xs[0] + (xs[1] - xs[0]) * i / segments).ToArray();
            ys = Enumerable.Range(0, segments + 1).Select(i => ys[0] + (ys[1] - ys[0]) * i / segments).ToArray();
        }
        for (int i = 0; i + 1 < xs.Length; i += 2)
        {
            var s = plot.Add.ScatterLine(new[] { xs[i], xs[i + 1] }, new[] { ys[i], ys[i + 1] }, color);
            s.LineWidth = width;
            s.LegendText = i == 0 ? label : "";
        }
    }

    /// <summary>Axis range covering every finite value drawn (bands and spans included), padded by 4 %.</summary>
    private static (double Min, double Max) Limits(PlotSpec spec, bool horizontal, Func<double, double> f)
    {
        var values = new List<double>();
        foreach (var s in spec.Series)
        {
            if (horizontal)
            {
                values.AddRange(s.Kind == SeriesKind.Bars ? s.X.SelectMany(x => new[] { x - s.Width / 2, x + s.Width / 2 }) : s.X);
            }
            else
            {
                values.AddRange(s.Y);
                if (s.Kind == SeriesKind.Band) { values.AddRange(s.Low!); values.AddRange(s.High!); }
                if (s.Kind == SeriesKind.Bars) values.Add(0);
            }
        }
        if (horizontal) foreach (var span in spec.Spans) { values.Add(span.From); values.Add(span.To); }
        var finite = values.Select(f).Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return (0, 1);
        double lo = finite.Min(), hi = finite.Max();
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double pad = 0.04 * (hi - lo);
        return (lo - pad, hi + pad);
    }
}
