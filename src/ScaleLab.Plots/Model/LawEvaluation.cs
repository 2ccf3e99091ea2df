using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Numerics;

namespace ScaleLab.Plots.Model;

/// <summary>Evaluates a fitted law on curve points, and its bootstrap band, for plots.</summary>
internal static class LawEvaluation
{
    /// <summary>Fewer bootstrap samples than this give no band or histogram: a 10–90 % interval from a handful of refits is noise.</summary>
    public const int MinimumSamples = 20;

    /// <summary>Points (N, D) with C = 6ND, as the law reads them.</summary>
    public static ScalingData Grid(ReadOnlySpan<double> parameters, ReadOnlySpan<double> tokens)
    {
        var rows = new Observation[parameters.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = Observation.FromParametersAndTokens(parameters[i], tokens[i], 1);
        return ScalingData.From(rows);
    }

    /// <summary>The law's prediction at every point.</summary>
    public static double[] Predict(FittedLaw fit, ScalingData points) => fit.Law.Predict(fit.Result.Theta, points);

    /// <summary>The coverage of bands: the analysis' interval level, 0.8 without one.</summary>
    public static double Level(FitAnalysis? analysis) => analysis?.Options.Level ?? AnalysisOptions.DefaultLevel;

    /// <summary>The bootstrap samples of <paramref name="analysis"/> whose every coordinate is finite (internal coordinates).</summary>
    public static IReadOnlyList<double[]> SampleThetas(FitAnalysis? analysis)
    {
        var result = new List<double[]>();
        foreach (var theta in analysis?.Bootstrap?.Samples ?? [])
        {
            bool finite = true;
            foreach (var v in theta) finite &= double.IsFinite(v);
            if (finite) result.Add(theta);
        }
        return result;
    }

    /// <summary>Pointwise central interval of the bootstrap predictions, or null with too few samples.</summary>
    public static (double[] Low, double[] High)? Band(FittedLaw fit, FitAnalysis? analysis, ScalingData points)
    {
        var thetas = SampleThetas(analysis);
        if (thetas.Count < MinimumSamples) return null;
        return Bands(thetas.Select(t => fit.Law.Predict(t, points)).ToArray(), points.Count, Level(analysis));
    }

    /// <summary>
    /// At every point i, the central interval of the finite values <c>replicates[b][i]</c> at <paramref name="level"/>;
    /// NaN where fewer than <see cref="MinimumSamples"/> are finite.
    /// </summary>
    public static (double[] Low, double[] High) Bands(IReadOnlyList<double[]> replicates, int points, double level)
    {
        var low = new double[points];
        var high = new double[points];
        var column = new double[replicates.Count];
        for (int i = 0; i < points; i++)
        {
            int k = 0;
            foreach (var r in replicates) if (double.IsFinite(r[i])) column[k++] = r[i];
            if (k < MinimumSamples) { low[i] = high[i] = double.NaN; continue; }
            (low[i], high[i]) = Quantile.Central(column.AsSpan(0, k), level);
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
