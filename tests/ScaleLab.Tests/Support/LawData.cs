using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Support;

/// <summary>
/// Builders for law tests: synthetic points from a law with known parameters, and the published
/// dataset CSVs parsed directly (plain comma-separated numbers, no quoting), so these tests do not
/// depend on the file readers.
/// </summary>
public static class LawData
{
    /// <summary>Points at (N, D) pairs with metric 1 (to be replaced by a law's prediction).</summary>
    public static IReadOnlyList<Observation> AtParametersAndTokens(IEnumerable<(double N, double D)> points) =>
        points.Select(p => Observation.FromParametersAndTokens(p.N, p.D, 1)).ToArray();

    /// <summary>Points along one scale variable (the others set so that x is exact).</summary>
    public static IReadOnlyList<Observation> Along(ScaleVariable variable, IEnumerable<double> xs, IEnumerable<double>? ys = null)
    {
        var yList = ys?.ToArray();
        return xs.Select((x, i) =>
        {
            double y = yList is null ? 1 : yList[i];
            return variable switch
            {
                _ when variable == ScaleVariable.Parameters => Observation.FromParametersAndTokens(x, 1, y),
                _ when variable == ScaleVariable.Compute => Observation.FromParametersAndCompute(1, x, y),
                _ => Observation.FromParametersAndTokens(1, x, y),
            };
        }).ToArray();
    }

    /// <summary>The same observations with the metric replaced by the law's prediction at <paramref name="truth"/>.</summary>
    public static IReadOnlyList<Observation> Generate(ScalingLaw law, IReadOnlyDictionary<string, double> truth, IReadOnlyList<Observation> at,
        Func<int, double>? logNoise = null)
    {
        var y = law.Predict(law.FromNamed(truth), ScalingData.From(at));
        return at.Select((o, i) => o with { Metric = y[i] * Math.Exp(logNoise?.Invoke(i) ?? 0) }).ToArray();
    }

    /// <summary>Evenly spaced values in log10 from 10^<paramref name="from"/> to 10^<paramref name="to"/> (numpy.logspace).</summary>
    public static double[] LogSpace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => Math.Pow(10, from + (to - from) * i / (count - 1))).ToArray();

    /// <summary>Rows of a CSV as name → text, or null when the datasets folder is absent.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>>? ReadCsv(string relative)
    {
        var path = SharedData.File(relative);
        if (path is null || !File.Exists(path)) return null;
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var fields = l.Split(',');
            return (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, fields[i])).ToDictionary(t => t.h, t => t.Item2);
        }).ToArray();
    }

    /// <summary>Parses an invariant-culture number.</summary>
    public static double Number(this IReadOnlyDictionary<string, string> row, string column) =>
        double.Parse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Root mean squared log error of predictions against observed values (Caballero et al. 2023; Alabdulmohsin et al. 2022).</summary>
    public static double Rmsle(IReadOnlyList<double> predicted, IReadOnlyList<double> observed) =>
        Math.Sqrt(predicted.Select((p, i) => Math.Pow(Math.Log(p) - Math.Log(observed[i]), 2)).Average());
}
