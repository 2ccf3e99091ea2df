using System.Globalization;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Numbers in cells: invariant notation (a point, no thousands separators) whatever the current culture,
/// finite, and nothing else in the cell: .NET's parser accepts trailing NUL characters ("1e9\0"), which
/// are not part of any number a person wrote.
/// </summary>
internal static class NumberCell
{
    /// <summary>The outcome of reading a cell as a number.</summary>
    public enum Outcome
    {
        /// <summary>A finite number.</summary>
        Number,

        /// <summary>The cell is empty or white space.</summary>
        Empty,

        /// <summary>Not a number at all.</summary>
        NotANumber,

        /// <summary>NaN written as such (NaN, nan, NA, N/A, null, None): a missing value in pandas or W&amp;B exports.</summary>
        NaN,

        /// <summary>An infinity, or a number beyond the double range.</summary>
        Infinite,
    }

    /// <summary>Reads <paramref name="cell"/>; <paramref name="value"/> is meaningful for <see cref="Outcome.Number"/>.</summary>
    public static Outcome Parse(ReadOnlySpan<char> cell, out double value)
    {
        var text = cell.Trim();
        value = double.NaN;
        if (text.IsEmpty) return Outcome.Empty;
        // Digits, signs, point and exponent, and the letters of Infinity/NaN; anything else (NUL, controls, other
        // scripts' digits) makes the cell not a number.
        if (text.ContainsAnyExcept(NumberCharacters)) return text.Contains('∞') ? Outcome.Infinite : Outcome.NotANumber;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return IsMissingWord(text) ? Outcome.NaN : Outcome.NotANumber;
        }
        if (double.IsNaN(value)) return Outcome.NaN;
        return double.IsInfinity(value) ? Outcome.Infinite : Outcome.Number;
    }

    private static readonly System.Buffers.SearchValues<char> NumberCharacters =
        System.Buffers.SearchValues.Create("0123456789+-.eEinfINFtyTYaAN/lLuUoO");

    private static bool IsMissingWord(ReadOnlySpan<char> text) =>
        text.Equals("NaN", StringComparison.OrdinalIgnoreCase) || text.Equals("NA", StringComparison.OrdinalIgnoreCase)
        || text.Equals("N/A", StringComparison.OrdinalIgnoreCase) || text.Equals("null", StringComparison.OrdinalIgnoreCase)
        || text.Equals("None", StringComparison.OrdinalIgnoreCase) || text.Equals("-NaN", StringComparison.OrdinalIgnoreCase);
}
