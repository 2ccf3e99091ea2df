using System.Globalization;
using System.Text.RegularExpressions;

namespace ScaleLab.Sweeps.Definition;

/// <summary>
/// Durations as a sweep file and the command line write them: <c>90s</c>, <c>10m</c>, <c>2h</c>,
/// <c>1h30m</c>, <c>1d</c>, Slurm's <c>HH:MM:SS</c> and <c>D-HH:MM:SS</c>, or a number of seconds.
/// </summary>
public static partial class Durations
{
    /// <summary>What the accepted forms look like, for messages.</summary>
    public const string Forms = "a duration such as \"90s\", \"10m\", \"2h\", \"1h30m\", \"02:00:00\" or \"1-12:00:00\"";

    /// <summary>Reads <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }
        if (Clock().Match(text) is { Success: true } clock)
        {
            int days = clock.Groups["d"].Success ? int.Parse(clock.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
            int h = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture), m = int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture);
            int s = clock.Groups["s"].Success ? int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            if (m > 59 || s > 59) return false;
            duration = new TimeSpan(days, h, m, s);
            return true;
        }
        var units = Units().Match(text);
        if (!units.Success || units.Length != text.Length || text.Length == 0) return false;
        double total = 0;
        foreach (Capture part in units.Groups["part"].Captures)
        {
            var p = UnitPart().Match(part.Value);
            double value = double.Parse(p.Groups["v"].Value, CultureInfo.InvariantCulture);
            total += value * p.Groups["u"].Value switch { "d" => 86400, "h" => 3600, "m" or "min" => 60, "ms" => 0.001, _ => 1 };
        }
        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>The duration in the shortest of the forms read (<c>2h</c>, <c>1h30m</c>, <c>90s</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1) return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms");
        var text = new System.Text.StringBuilder();
        if (duration.Days > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Days}d");
        if (duration.Hours > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Hours}h");
        if (duration.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        double seconds = duration.Seconds + duration.Milliseconds / 1000.0;
        if (seconds > 0) text.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        return text.ToString();
    }

    [GeneratedRegex(@"^(?:(?<d>\d+)-)?(?<h>\d+):(?<m>\d{1,2})(?::(?<s>\d{1,2}))?$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|min|d|h|m|s))+$")]
    private static partial Regex Units();

    [GeneratedRegex(@"^(?<v>\d+(?:\.\d+)?)(?<u>ms|min|d|h|m|s)$")]
    private static partial Regex UnitPart();
}
