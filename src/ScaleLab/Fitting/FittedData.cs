using ScaleLab.Data;
using ScaleLab.Diagnostics;

namespace ScaleLab.Fitting;

/// <summary>
/// What a fitted law keeps of the data it was fitted to, in memory or read back from a fit document: the source,
/// the metric, how many rows, the range of every variable the data hold (for extrapolation warnings and the
/// plans' extrapolation ratio) and what reading them found.
/// </summary>
public sealed record FittedData
{
    /// <summary>Path of the data file as given, or a label.</summary>
    public required string Source { get; init; }

    /// <summary>Name of the metric column.</summary>
    public required string Metric { get; init; }

    /// <summary>Rows fitted.</summary>
    public required int Rows { get; init; }

    /// <summary>Range of each scale variable the data hold (read or derived), in the data's order of variables.</summary>
    public IReadOnlyList<VariableRange> Ranges { get; init; } = [];

    /// <summary>What reading the data found (derived columns, dropped rows, duplicates).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The range of <paramref name="variable"/>, or null when the data do not hold it.</summary>
    public VariableRange? RangeOf(ScaleVariable variable)
    {
        foreach (var range in Ranges) if (range.Variable == variable) return range;
        return null;
    }

    /// <summary>The summary of <paramref name="set"/>.</summary>
    public static FittedData Of(ObservationSet set)
    {
        // Loops rather than LINQ over the scale variables and doubles, whose generic code would be compiled at start-up.
        var present = set.PresentVariables;
        var ranges = new List<VariableRange>(present.Count);
        if (set.Count > 0)
        {
            foreach (var variable in present)
            {
                // Smallest and largest as Enumerable.Min and Max take them: the minimum is NaN when any value is, the maximum only when all are.
                double min = double.PositiveInfinity, max = double.NaN;
                foreach (var x in set.Values(variable))
                {
                    if (x < min || double.IsNaN(x)) min = x;
                    if (x > max || double.IsNaN(max)) max = x;
                }
                ranges.Add(new VariableRange(variable, min, max));
            }
        }
        return new FittedData { Source = set.Source, Metric = set.MetricName, Rows = set.Count, Ranges = ranges, Diagnostics = set.Diagnostics };
    }
}
