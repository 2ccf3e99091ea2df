using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>Shared helpers for the starting grids of the learning-curve laws (M1–M4 and the laws that anchor a start at a median point).</summary>
internal static class LearningCurveStarts
{
    /// <summary>ln x and ln y of the point with the median x (the curve is anchored there so β starts sensible).</summary>
    public static (double LogX, double LogY) MedianPoint(ScalingData data)
    {
        var logX = data.Logs(ScaleVariable.Tokens).ToArray();
        var order = Enumerable.Range(0, data.Count).OrderBy(i => logX[i]).ToArray();
        int m = order[order.Length / 2];
        return (logX[m], data.LogY[m]);
    }

    /// <summary>Index of the median of <paramref name="values"/> (the upper median for an even count).</summary>
    public static int MedianIndex(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(values.ToArray(), order);
        return order[order.Length / 2];
    }

    /// <summary>Smallest and largest metric value.</summary>
    public static (double Min, double Max) Range(ScalingData data) => (data.Y.Min(), data.Y.Max());
}
