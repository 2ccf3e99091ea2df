using ScottPlot.TickGenerators;

namespace ScaleLab.Plots.Rendering;

/// <summary>
/// Ticks for a log10 axis (ScottPlot 5 has no native log axis, so log10 values are plotted): major
/// ticks labelled <c>1e9</c>, <c>1e10</c>, … at whole decades and unlabelled minor ticks at 2…9 × 10^k.
/// A range holding fewer than two decades is labelled at 1…9 × 10^k instead, so an axis such as
/// loss 1.8–5 still reads 2, 3, 4, 5.
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
        for (int k = first; k <= last; k++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position < min || position > max) continue;
                if (m == 1) ticks.AddMajor(position, Label(k, 1));
                else if (denseLabels && (last - first <= 1 || m is 2 or 5)) ticks.AddMajor(position, Label(k, m));
                else ticks.AddMinor(position);
            }
        }
        return ticks;
    }

    /// <summary>Label of m × 10^k: plain for 0.01 … 9999, otherwise <c>me k</c> (1e9, 2e-3).</summary>
    public static string Label(int k, int m) => Model.NumberText.Short(m * Math.Pow(10, k));
}
