using System.Globalization;
using ScaleLab.Data;

namespace ScaleLab.Comparison;

/// <summary>
/// Which points an extrapolation backtest holds out (Alabdulmohsin et al. 2022): the largest scales by
/// compute, parameters or data — a fraction of the points or every point at or above a threshold —
/// or the rows a column marks (the Alabdulmohsin et al. benchmark's <c>Training=0</c>).
/// Syntax: <c>largest-compute:20%</c>, <c>largest-params:1e9</c>, <c>largest-tokens:0.1</c>,
/// <c>column:Training=0</c>, <c>none</c>.
/// </summary>
public sealed class Holdout
{
    private Holdout(string text) => Text = text;

    /// <summary>The specification as given.</summary>
    public string Text { get; }

    /// <summary>Scale variable ranked for <c>largest-*</c>; null otherwise.</summary>
    public ScaleVariable? Variable { get; private init; }

    /// <summary>Share of points held out (the largest ones), when given as a fraction.</summary>
    public double? Fraction { get; private init; }

    /// <summary>Points above this value are held out, when given as a threshold.</summary>
    public double? Threshold { get; private init; }

    /// <summary>Column (input tag) whose value marks held-out rows, for <c>column:NAME=VALUE</c>.</summary>
    public string? Column { get; private init; }

    /// <summary>The marking value of <see cref="Column"/>.</summary>
    public string? ColumnValue { get; private init; }

    /// <summary>No holdout: all points are fitted, laws are ranked by AIC.</summary>
    public static Holdout None { get; } = new("none");

    /// <summary>Parses a specification; throws <see cref="ArgumentException"/> saying what is allowed.</summary>
    public static Holdout Parse(string text)
    {
        var spec = text.Trim();
        if (spec.Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        int colon = spec.IndexOf(':');
        if (colon < 0) throw Bad(text);
        var kind = spec[..colon].Trim().ToLowerInvariant();
        var arg = spec[(colon + 1)..].Trim();
        if (kind is "column" or "tag")
        {
            int eq = arg.IndexOf('=');
            if (eq <= 0) throw Bad(text);
            return new Holdout(spec) { Column = arg[..eq].Trim(), ColumnValue = arg[(eq + 1)..].Trim() };
        }
        ScaleVariable variable = kind switch
        {
            "largest-compute" or "largest-flops" => ScaleVariable.Compute,
            "largest-params" or "largest-parameters" or "largest-n" => ScaleVariable.Parameters,
            "largest-tokens" or "largest-data" or "largest-d" => ScaleVariable.Tokens,
            _ => throw Bad(text),
        };
        if (arg.EndsWith('%'))
        {
            if (!double.TryParse(arg[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || !(pct > 0 && pct < 100)) throw Bad(text);
            return new Holdout(spec) { Variable = variable, Fraction = pct / 100 };
        }
        if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value)) throw Bad(text);
        // A bare number below 1 is a fraction (0.2 = 20 %); anything else a threshold in the variable's units.
        return value < 1 ? new Holdout(spec) { Variable = variable, Fraction = value } : new Holdout(spec) { Variable = variable, Threshold = value };
    }

    /// <summary>
    /// Splits observations into fitted and held-out indices. A threshold holds out every point above
    /// it. A fraction holds out the ⌈f·n⌉ largest points and every point tied with the smallest of
    /// them, so a compute budget is never split.
    /// </summary>
    public (int[] Fit, int[] HeldOut) Split(IReadOnlyList<Observation> observations)
    {
        int n = observations.Count;
        bool[] held = new bool[n];
        if (Column is not null)
        {
            for (int i = 0; i < n; i++)
            {
                var tags = observations[i].Tags;
                var key = tags.Keys.FirstOrDefault(k => string.Equals(k, Column, StringComparison.OrdinalIgnoreCase));
                if (key is null) throw new ArgumentException($"holdout '{Text}': the data have no column '{Column}'");
                held[i] = Matches(tags[key], ColumnValue!);
            }
        }
        else if (Variable is { } v)
        {
            var values = observations.Select(o => o.Get(v)).ToArray();
            if (Threshold is { } t)
            {
                for (int i = 0; i < n; i++) held[i] = values[i] > t;
            }
            else if (n > 0)
            {
                // Fractions are rounded up (at least one point), relative to the data's own precision.
                int count = Math.Max(1, (int)Math.Ceiling(Fraction!.Value * n - 1e-9));
                double cutoff = values.OrderByDescending(x => x).ElementAt(Math.Min(count, n) - 1);
                for (int i = 0; i < n; i++) held[i] = values[i] >= cutoff;
            }
        }
        return (Enumerable.Range(0, n).Where(i => !held[i]).ToArray(), Enumerable.Range(0, n).Where(i => held[i]).ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool Matches(string actual, string wanted)
    {
        if (string.Equals(actual.Trim(), wanted, StringComparison.OrdinalIgnoreCase)) return true;
        return double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
               && double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && a == w;
    }

    private static ArgumentException Bad(string text) => new(
        $"holdout '{text}' is not understood: use largest-compute:20%, largest-params:1e9, largest-tokens:0.1, column:Training=0 or none");
}
