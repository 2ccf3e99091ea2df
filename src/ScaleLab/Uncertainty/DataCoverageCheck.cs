using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Warnings about what the data can support: too few points per decade of the scale variable,
/// intervals wider than an order of magnitude, parameters sitting at a bound of their bootstrap or
/// profile search, and predictions far beyond the data (always report the
/// extrapolation ratio).
/// </summary>
public static class DataCoverageCheck
{
    /// <summary>Fewer points than this per decade of compute draws a warning.</summary>
    public const double MinPointsPerDecade = 4;

    /// <summary>Predictions more than this many decades beyond the data draw a warning.</summary>
    public const double FarDecades = 1;

    /// <summary>Checks the spread of the data along the law's main scale variable (compute for laws of N and D).</summary>
    public static IReadOnlyList<Diagnostic> CheckData(ScalingLaw law, ScalingData data)
    {
        var diagnostics = new List<Diagnostic>();
        // A link's input is a loss, not a scale: its spread in decades says nothing.
        if (!law.InputsAreScales) return diagnostics;
        var variable = MainVariable(law);
        var values = data.Values(variable);
        if (values.Length == 0) return diagnostics;
        double decades = Math.Log10(Max(values) / Min(values));
        string name = Describe(variable);
        if (decades < 1)
        {
            diagnostics.Add(Diagnostic.Warning("narrow-range", $"the data span only {Fmt(decades)} decades of {name}: exponents fitted on so short a range are unreliable"));
        }
        else if (values.Length / decades < MinPointsPerDecade)
        {
            diagnostics.Add(Diagnostic.Warning("sparse-data",
                $"{values.Length} points over {Fmt(decades)} decades of {name} ({Fmt(values.Length / decades)} per decade; fewer than {Fmt(MinPointsPerDecade)} per decade)"));
        }
        return diagnostics;
    }

    /// <summary>Warns for intervals of positive quantities spanning more than a factor of ten.</summary>
    public static IReadOnlyList<Diagnostic> CheckIntervals(IReadOnlyDictionary<string, Interval> intervals)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (name, interval) in intervals)
        {
            if (!interval.IsBounded)
            {
                diagnostics.Add(Diagnostic.Warning("interval-unbounded", $"the {Fmt(100 * interval.Level)} % {interval.Method} interval of {name} is unbounded: {interval}"));
            }
            else if (interval.Decades > 1)
            {
                diagnostics.Add(Diagnostic.Warning("interval-wide",
                    $"the {Fmt(100 * interval.Level)} % {interval.Method} interval of {name} spans {Fmt(interval.Decades)} orders of magnitude ({Fmt(interval.Lower)} to {Fmt(interval.Upper)})"));
            }
        }
        return diagnostics;
    }

    /// <summary>How many decades a point lies beyond the data's largest value of the main variable (negative inside).</summary>
    public static double ExtrapolationDecades(ScalingLaw law, ScalingData data, ScalingData point)
    {
        var variable = MainVariable(law);
        return Math.Log10(point.Values(variable)[0] / Max(data.Values(variable)));
    }

    /// <summary>A warning when a prediction point lies far outside the data.</summary>
    public static Diagnostic? CheckPrediction(ScalingLaw law, ScalingData data, ScalingData point)
    {
        double decades = ExtrapolationDecades(law, data, point);
        if (decades <= FarDecades) return null;
        return Diagnostic.Warning("far-extrapolation",
            $"the prediction is {Fmt(decades)} decades of {Describe(MainVariable(law))} beyond the largest fitted point (×{Fmt(Math.Pow(10, decades))}): intervals assume the law still holds there");
    }

    /// <summary>Compute for laws of both N and D; otherwise the law's only (or first) variable.</summary>
    public static ScaleVariable MainVariable(ScalingLaw law) =>
        Reads(law, ScaleVariable.Parameters) && Reads(law, ScaleVariable.Tokens) ? ScaleVariable.Compute : law.Variables[0];

    private static bool Reads(ScalingLaw law, ScaleVariable variable)
    {
        var variables = law.Variables;
        for (int i = 0; i < variables.Count; i++) if (variables[i] == variable) return true;
        return false;
    }

    // Largest and smallest value as Enumerable.Max and Min take them (Max skips NaN unless all are NaN; Min is NaN
    // when any value is), in loops: LINQ over doubles would be compiled at start-up.
    private static double Max(ReadOnlySpan<double> values)
    {
        double max = double.NaN;
        foreach (var x in values) if (x > max || double.IsNaN(max)) max = x;
        return values.Length > 0 ? max : throw new InvalidOperationException("Sequence contains no elements");
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity;
        foreach (var x in values) if (x < min || double.IsNaN(x)) min = x;
        return values.Length > 0 ? min : throw new InvalidOperationException("Sequence contains no elements");
    }

    private static string Describe(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Compute => "compute",
        _ when variable == ScaleVariable.Parameters => "parameters",
        _ when variable == ScaleVariable.Tokens => "data",
        _ when variable == ScaleVariable.UniqueTokens => "unique data",
        _ => variable.Symbol,
    };

    private static string Fmt(double v) => Quantity.Format(v, 3);
}
