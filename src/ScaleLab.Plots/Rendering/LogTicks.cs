using ScottPlot.TickGenerators;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Rendering;

/// <summary>
/// Ticks for a log10 axis (ScottPlot 5 has no native log axis, so log10 values are plotted): major
/// ticks labelled <c>1e9</c>, <c>1e10</c>, … at whole decades and unlabelled minor ticks at 2…9 × 10^k.
/// A range holding fewer than three decades is labelled at 1, 2, 5 × 10^k (64–2048 reads 100, 200, 500,
/// 1000, 2000), a narrower one at every m × 10^k (loss 1.8–5 reads 2, 3, 4, 5), and one too narrow even
/// for that at round linear steps (2.25, 2.5, …) placed at their logs.
/// </summary>
internal static class LogTicks
{
    /// <summary>Tick generator for the log10 range [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static NumericManual For(double min, double max)
    {
        int first = (int)Math.Floor(min), last = (int)Math.Ceiling(max);
        int decadesInside = Enumerable.Range(first, last - first + 1).Count(k => k >= min && k <= max);
        // Three or more decades: label the decades. Fewer: label 1, 2, 5 × 10^k; still fewer than
        // three labels: every m × 10^k; still fewer: round linear steps.
        var ticks = Build(min, max, decadesInside >= 3 ? [1] : [1, 2, 5], out int labelled);
        if (labelled >= 3) return ticks;
        ticks = Build(min, max, [1, 2, 3, 4, 5, 6, 7, 8, 9], out labelled);
        if (labelled >= 3) return ticks;
        var fine = new NumericManual();
        double lo = Math.Pow(10, min), hi = Math.Pow(10, max);
        double step = NiceStep((hi - lo) / 6);
        for (double v = Math.Ceiling(lo / step) * step; v <= hi; v += step) fine.AddMajor(Math.Log10(v), Quantity.Label(Math.Round(v / step) * step));
        return fine;
    }

    private static NumericManual Build(double min, double max, int[] labelledMantissas, out int labelled)
    {
        var ticks = new NumericManual();
        labelled = 0;
        for (int k = (int)Math.Floor(min); k <= (int)Math.Ceiling(max); k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < min || position > max) continue;
                if (labelledMantissas.Contains(m))
                {
                    ticks.AddMajor(position, Label(k, m));
                    labelled++;
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }
        return ticks;
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k not below <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double scale = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 }) if (m * scale >= raw) return m * scale;
        return 10 * scale;
    }

    /// <summary>Label of m × 10^k: plain for 0.01 … 9999, otherwise <c>me k</c> (1e9, 2e-3).</summary>
    public static string Label(int k, int m) => Quantity.Label(m * Math.Pow(10, k));
}
