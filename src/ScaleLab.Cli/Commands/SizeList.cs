using System.Globalization;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// Parses the size arguments of the experiment commands: a comma list (<c>8,16,32</c>) or a range
/// <c>low..high</c> expanded geometrically (<c>256..16384</c> doubles: 256, 512, …, 16384; a range
/// whose ends differ by more than 64× takes two points per decade instead).
/// </summary>
internal static class SizeList
{
    public static bool TryParse(string text, string option, out double[] values, out string error)
    {
        values = [];
        error = "";
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length == 2)
        {
            if (!TryNumber(parts[0], out var low) || !TryNumber(parts[1], out var high) || low <= 0 || high < low)
            {
                error = $"{option}: '{text}' is not a range low..high of positive numbers";
                return false;
            }
            double ratio = high / low > 64 ? Math.Sqrt(10) : 2;
            var list = new List<double>();
            for (double x = low; x <= high * (1 + 1e-9); x *= ratio) list.Add(Math.Round(x));
            if (list[^1] < high) list.Add(high);
            values = [.. list];
            return true;
        }
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (!TryNumber(items[i], out parsed[i]) || parsed[i] <= 0)
            {
                error = $"{option}: '{items[i]}' is not a positive number";
                return false;
            }
        }
        if (parsed.Length == 0)
        {
            error = $"{option}: no value given";
            return false;
        }
        values = parsed;
        return true;
    }

    public static bool TryParseIntegers(string text, string option, out int[] values, out string error)
    {
        values = [];
        if (!TryParse(text, option, out var raw, out error)) return false;
        if (raw.Any(v => v != Math.Floor(v) || v > int.MaxValue))
        {
            error = $"{option}: '{text}' must list whole numbers";
            return false;
        }
        values = [.. raw.Select(v => (int)v).Distinct()];
        return true;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
