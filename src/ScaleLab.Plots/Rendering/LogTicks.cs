using ScottPlot.TickGenerators;

namespace ScaleLab.Plots.Rendering;

/// <summary>
/// Ticks for a log10 axis (ScottPlot 5 has no native log axis, so log10 values are plotted): major
/// ticks labelled <c>1e9</c>, <c>1e10</c>, … at whole decades and unlabelled minor ticks at 2…9 × 10^k.
/// A range holding fewer than two decades is labelled at 1…9 × 10^k instead (loss 1.8–5 reads 2, 3, 4, 5),
/// and one too narrow even for that at round linear steps (2.2, 2.4, …) placed at their logs.
/// </summary>
internal static class LogTicks
{
    /// <summary>Tick generator for the log10 range [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static NumericManual For(double min, double max)
    {
        var ticks = new NumericManual();
        int first = (int)Math.Floor(min), last = (int)Math.Ceiling(max);
        int decadesInside = Enumerable.Range(first, last - first + 1).Count(k => k >= min && k <= max);
        bool denseLabels = decadesInside < 2;
        int labelled = 0;
        for (int k = first; k <= last; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < min || position > max) continue;
                if (m == 1) { ticks.AddMajor(position, Label(k, 1)); labelled++; }
                else if (denseLabels && (last - first <= 1 || m is 2 or 5)) { ticks.AddMajor(position, Label(k, m)); labelled++; }
                else ticks.AddMinor(position);
            }
        }
        if (labelled >= 3) return ticks;
        // Under a third of a decade (a loss axis from 2 to 3.5): round linear steps placed at their logs.
        var fine = new NumericManual();
        double lo = Math.Pow(10, min), hi = Math.Pow(10, max);
        double step = NiceStep((hi - lo) / 6);
        for (double v = Math.Ceiling(lo / step) * step; v <= hi; v += step) fine.AddMajor(Math.Log10(v), Model.NumberText.Short(Math.Round(v / step) * step));
        return fine;
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k not below <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double scale = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 }) if (m * scale >= raw) return m * scale;
        return 10 * scale;
    }

    /// <summary>Label of m × 10^k: plain for 0.01 … 9999, otherwise <c>me k</c> (1e9, 2e-3).</summary>
    public static string Label(int k, int m) => Model.NumberText.Short(m * Math.Pow(10, k));
}
