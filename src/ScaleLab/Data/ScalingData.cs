using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// Column-major numeric view of observations that laws evaluate on: for each scale variable the
/// values and their natural logs, and the metric and its log. Built once per fit; laws read spans.
/// </summary>
public sealed class ScalingData
{
    private readonly double[][] _values;
    private readonly double[][] _logs;

    private ScalingData(double[][] values, double[][] logs, double[] y, double[] logY)
    {
        _values = values;
        _logs = logs;
        Y = y;
        LogY = logY;
    }

    /// <summary>Number of points.</summary>
    public int Count => Y.Length;

    /// <summary>The metric values.</summary>
    public double[] Y { get; }

    /// <summary>Natural log of the metric values.</summary>
    public double[] LogY { get; }

    /// <summary>Values of a scale variable.</summary>
    public ReadOnlySpan<double> Values(ScaleVariable variable) => _values[(int)variable];

    /// <summary>Natural logs of a scale variable.</summary>
    public ReadOnlySpan<double> Logs(ScaleVariable variable) => _logs[(int)variable];

    /// <summary>Builds the view from observations (their metric must be positive for log-space fits).</summary>
    public static ScalingData From(IReadOnlyList<Observation> observations)
    {
        int n = observations.Count;
        const int count = (int)ScaleVariable.UniqueTokens + 1; // every scale variable
        var values = new double[count][];
        var logs = new double[count][];
        for (int v = 0; v < count; v++)
        {
            values[v] = new double[n];
            logs[v] = new double[n];
            for (int i = 0; i < n; i++)
            {
                var x = observations[i].Get((ScaleVariable)v);
                values[v][i] = x;
                logs[v][i] = Math.Log(x);
            }
        }
        var y = new double[n];
        var logY = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = observations[i].Metric;
            logY[i] = Math.Log(y[i]);
        }
        return new ScalingData(values, logs, y, logY);
    }

    /// <summary>Builds the view from observations.</summary>
    public static ScalingData From(ObservationSet set) => From(set.Observations);

    /// <summary>A view of the points at the given indices (repeats allowed), for resampling.</summary>
    public ScalingData Select(ReadOnlySpan<int> indices)
    {
        var values = new double[_values.Length][];
        var logs = new double[_logs.Length][];
        for (int v = 0; v < _values.Length; v++)
        {
            values[v] = Gather(_values[v], indices);
            logs[v] = Gather(_logs[v], indices);
        }
        return new ScalingData(values, logs, Gather(Y, indices), Gather(LogY, indices));
    }

    /// <summary>A single point at which to evaluate a law (unused variables may be 1).</summary>
    public static ScalingData Point(double parameters = 1, double tokens = 1, double compute = 0, double uniqueTokens = 0)
    {
        if (compute <= 0) compute = ComputeConvention.FlopsPerParameterToken * parameters * tokens;
        if (uniqueTokens <= 0) uniqueTokens = tokens;
        double[][] values = [[parameters], [tokens], [compute], [uniqueTokens]];
        double[][] logs = [[Math.Log(parameters)], [Math.Log(tokens)], [Math.Log(compute)], [Math.Log(uniqueTokens)]];
        return new ScalingData(values, logs, [1.0], [0.0]);
    }

    private static double[] Gather(double[] source, ReadOnlySpan<int> indices)
    {
        var result = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++) result[i] = source[indices[i]];
        return result;
    }
}
