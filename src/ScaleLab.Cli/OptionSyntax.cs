using System.Globalization;
using ScaleLab.Data;

namespace ScaleLab.Cli;

/// <summary>
/// The small option languages of the command line: <c>--fix NAME=VALUE</c>, <c>--tie A=B</c>,
/// <c>--bound NAME=LO:HI</c> and number lists <c>1e9,1e10</c>. Numbers are invariant (a point, never
/// a comma, as the decimal separator). Errors are <see cref="ArgumentException"/>s saying what was expected.
/// </summary>
internal static class OptionSyntax
{
    /// <summary>Items given once or repeated, each possibly comma-separated.</summary>
    public static IEnumerable<string> Items(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Parses <c>--fix NAME=VALUE</c> items.</summary>
    public static Dictionary<string, double> Fixed(IEnumerable<string>? values) => Assignments(values, "--fix", "alpha=0.34");

    /// <summary>
    /// Parses <c>NAME=VALUE</c> items, given once or repeated, each possibly a comma list (<c>E=1.69,alpha=0.34</c>): the
    /// one parser of parameter values on the command line (<c>--fix</c>, <c>--test-against</c>, <c>--parameters</c>).
    /// Values are finite invariant numbers; a name given twice keeps the last value.
    /// </summary>
    public static Dictionary<string, double> Assignments(IEnumerable<string>? values, string option, string example)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in Items(values))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0) throw new ArgumentException($"{option} expects NAME=VALUE (e.g. {example}), got '{item}'");
            result[parts[0]] = Number(parts[1], option + " " + parts[0]);
        }
        return result;
    }

    /// <summary>Parses <c>A=B[=C…]</c> items into groups of tied parameters.</summary>
    public static List<IReadOnlyList<string>> Ties(IEnumerable<string>? values)
    {
        var result = new List<IReadOnlyList<string>>();
        foreach (var item in Items(values))
        {
            var names = item.Split('=', StringSplitOptions.TrimEntries);
            if (names.Length < 2 || names.Any(n => n.Length == 0)) throw new ArgumentException($"--tie expects NAME=NAME (e.g. alpha=beta), got '{item}'");
            result.Add(names);
        }
        return result;
    }

    /// <summary>Parses <c>NAME=LO:HI</c> items; an empty end is unbounded (<c>alpha=0:</c>).</summary>
    public static Dictionary<string, (double Lower, double Upper)> Bounds(IEnumerable<string>? values)
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var item in Items(values))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            var ends = parts.Length == 2 ? parts[1].Split(':', StringSplitOptions.TrimEntries) : [];
            if (parts.Length != 2 || parts[0].Length == 0 || ends.Length != 2)
            {
                throw new ArgumentException($"--bound expects NAME=LO:HI (e.g. alpha=0:1, or alpha=0: for no upper bound), got '{item}'");
            }
            double lo = ends[0].Length == 0 ? double.NegativeInfinity : Number(ends[0], "--bound " + parts[0]);
            double hi = ends[1].Length == 0 ? double.PositiveInfinity : Number(ends[1], "--bound " + parts[0]);
            result[parts[0]] = (lo, hi);
        }
        return result;
    }

    /// <summary>Applies <c>KEY=COLUMN</c> items (<c>run=run_name_seedstripped</c>) to <paramref name="mapping"/>; column names may hold commas.</summary>
    public static ColumnMapping Columns(ColumnMapping mapping, IEnumerable<string>? values)
    {
        foreach (var item in values ?? [])
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            var role = parts.Length == 2 && parts[1].Length > 0 ? ColumnAliases.FromKey(parts[0]) : null;
            if (role is null)
            {
                var keys = string.Join(", ", Enum.GetValues<ColumnRole>().Select(ColumnAliases.Key));
                throw new ArgumentException($"--column expects KEY=COLUMN with KEY one of {keys}; got '{item}'");
            }
            mapping = mapping.With(role.Value, parts[1]);
        }
        return mapping;
    }

    /// <summary>
    /// Parses <c>SYMBOL=COLUMN</c> items (<c>--var V=vocab_size</c>); the column may be a JSON path and hold commas,
    /// dots or brackets, so items are not split on commas.
    /// </summary>
    public static List<(ScaleVariable Variable, string Column)> Variables(IEnumerable<string>? values)
    {
        var result = new List<(ScaleVariable, string)>();
        foreach (var item in values ?? [])
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException($"--var expects SYMBOL=COLUMN (e.g. V=vocab_size or N=hyperparameters.params), got '{InputText.Show(item)}'");
            }
            var variable = ScaleVariable.Named(parts[0]);
            if (result.Exists(r => r.Item1 == variable)) throw new ArgumentException($"--var binds {variable.Symbol} twice");
            result.Add((variable, parts[1]));
        }
        return result;
    }

    /// <summary>Parses a list of numbers given once or repeated, comma-separated.</summary>
    public static double[] Numbers(IEnumerable<string>? values, string option) =>
        Items(values).Select(v => Number(v, option)).ToArray();

    /// <summary>One finite number in invariant notation.</summary>
    public static double Number(string text, string option)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{option}: '{text}' is not a finite number (write numbers like 7e10 or 0.34)");
        }
        return value;
    }
}
