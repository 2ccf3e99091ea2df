namespace ScaleLab.Plots.Model;

/// <summary>Log-spaced classes of a positive variable, about one per decade, for colouring points.</summary>
internal sealed class ToneClasses
{
    private readonly double _logMin;
    private readonly double _logWidth;

    private ToneClasses(double logMin, double logWidth, int count)
    {
        _logMin = logMin;
        _logWidth = logWidth;
        Count = count;
    }

    /// <summary>Number of classes.</summary>
    public int Count { get; }

    /// <summary>Classes covering <paramref name="values"/>: one per decade, at least 1, at most <paramref name="max"/>.</summary>
    public static ToneClasses Of(double[] values, int max)
    {
        double lo = values.Min(v => Math.Log10(v)), hi = values.Max(v => Math.Log10(v));
        if (hi - lo < 1e-12) return new ToneClasses(lo, 1, 1);
        int count = Math.Clamp((int)Math.Ceiling(hi - lo), 2, max);
        return new ToneClasses(lo, (hi - lo) / count, count);
    }

    /// <summary>Class of a value (values at the top edge belong to the last class).</summary>
    public int IndexOf(double value) => Count == 1 ? 0 : Math.Clamp((int)Math.Floor((Math.Log10(value) - _logMin) / _logWidth), 0, Count - 1);

    /// <summary>Lower and upper edge of class <paramref name="k"/>.</summary>
    public (double Low, double High) Edges(int k) => (Math.Pow(10, _logMin + k * _logWidth), Math.Pow(10, _logMin + (k + 1) * _logWidth));
}
