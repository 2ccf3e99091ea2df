using System.Globalization;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Model;

/// <summary>
/// Plots of scaling-experiment regimes: measured points on log-log axes, the measured slope and
/// the theory's slope drawn as lines through the same anchor (the geometric mean of the points),
/// so the two slopes can be compared by eye.
/// </summary>
public static class RegimePlots
{
    /// <summary>The plot of one regime.</summary>
    /// <exception cref="ArgumentException">Arrays of different lengths, or no positive finite point.</exception>
    public static PlotSpec Build(RegimeData regime)
    {
        if (regime.X.Length != regime.Loss.Length) throw new ArgumentException($"regime '{regime.Title}': {regime.X.Length} x values but {regime.Loss.Length} losses");
        var keep = Enumerable.Range(0, regime.X.Length).Where(i => IsPositive(regime.X[i]) && IsPositive(regime.Loss[i])).ToArray();
        if (keep.Length == 0) throw new ArgumentException($"regime '{regime.Title}': no positive finite point");
        var x = keep.Select(i => regime.X[i]).ToArray();
        var y = keep.Select(i => regime.Loss[i]).ToArray();
        double lx = x.Average(v => Math.Log(v)), ly = y.Average(v => Math.Log(v));
        var xs = new[] { x.Min(), x.Max() };
        double[] Line(double slope) => xs.Select(v => Math.Exp(ly + slope * (Math.Log(v) - lx))).ToArray();
        return new PlotSpec
        {
            Title = regime.Title,
            X = new PlotAxis(regime.XLabel, regime.XUnit, true),
            Y = new PlotAxis(regime.YLabel, null, true),
            Series =
            [
                new PlotSeries { Label = $"theory slope {F(regime.TheorySlope)}", Kind = SeriesKind.Line, X = xs, Y = Line(regime.TheorySlope), Dashed = true },
                new PlotSeries { Label = $"measured slope {F(regime.MeasuredSlope)}", Kind = SeriesKind.Line, X = xs, Y = Line(regime.MeasuredSlope), Tone = 0.6 },
                new PlotSeries { Label = "runs", Kind = SeriesKind.Points, X = x, Y = y, Tone = 0.0 },
            ],
            LegendInside = true, // a falling power law leaves the upper right empty
            Caption = $"{x.Length} points; lines through their geometric mean with the measured ({F(regime.MeasuredSlope)}) and predicted ({F(regime.TheorySlope)}) log-log slopes.",
        };
    }

    private static bool IsPositive(double v) => double.IsFinite(v) && v > 0;

    private static string F(double v) => Quantity.Compact(v);
}
