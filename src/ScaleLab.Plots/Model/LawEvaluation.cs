using ScaleLab.Data;
using ScaleLab.Numerics;

namespace ScaleLab.Plots.Model;

/// <summary>Evaluates a fitted law on curve points, and its bootstrap band, for plots.</summary>
internal static class LawEvaluation
{
    /// <summary>Points (N, D) with C = 6ND, as the law reads them.</summary>
    public static ScalingData Grid(ReadOnlySpan<double> parameters, ReadOnlySpan<double> tokens)
    {
        var rows = new Observation[parameters.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = Observation.FromParametersAndTokens(parameters[i], tokens[i], 1);
        return ScalingData.From(rows);
    }

    /// <summary>The law's prediction at every point.</summary>
    public static double[] Predict(FitView fit, ScalingData points) => fit.Law.Predict(fit.Theta, points);

    /// <summary>Pointwise central interval of the bootstrap predictions, or null with too few samples.</summary>
    public static (double[] Low, double[] High)? Band(FitView fit, ScalingData points)
    {
        var thetas = fit.SampleThetas();
        if (thetas.Count < Percentiles.MinimumSamples) return null;
        var predictions = thetas.Select(t => fit.Law.Predict(t, points)).ToArray();
        var low = new double[points.Count];
        var high = new double[points.Count];
        var column = new double[thetas.Count];
        for (int i = 0; i < points.Count; i++)
        {
            int k = 0;
            foreach (var p in predictions) if (double.IsFinite(p[i])) column[k++] = p[i];
            if (k < Percentiles.MinimumSamples) { low[i] = high[i] = double.NaN; continue; }
            (low[i], high[i]) = Quantile.Central(column[..k], fit.Level);
        }
        return (low, high);
    }

    /// <summary>Log-spaced values from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static double[] LogSpace(double from, double to, int count)
    {
        var result = new double[count];
        double a = Math.Log(from), b = Math.Log(to);
        for (int i = 0; i < count; i++) result[i] = Math.Exp(a + (b - a) * i / (count - 1));
        result[0] = from;
        result[^1] = to;
        return result;
    }
}
