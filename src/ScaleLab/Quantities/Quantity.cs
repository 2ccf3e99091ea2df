using System.Globalization;

namespace ScaleLab.Quantities;

/// <summary>
/// Shared validation for the positive, finite quantities of scaling laws, and the one number formatter of
/// ScaleLab's text output (messages, tables, reports, plot labels): culture-invariant, and the same words for
/// values that are not numbers anywhere: <c>NaN</c>, <c>inf</c> and <c>-inf</c>. JSON has its own rule for
/// them (docs/json.md).
/// </summary>
public static class Quantity
{
    /// <summary>Returns <paramref name="value"/> if it is finite and strictly positive; throws otherwise.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinite, zero or negative.</exception>
    public static double RequirePositive(double value, string what)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(what,
                $"{Format(value)} is not a positive finite number ({what} must be > 0).");
        }
        return value;
    }

    /// <summary>True when <paramref name="value"/> is finite and strictly positive.</summary>
    public static bool IsPositive(double value) => double.IsFinite(value) && value > 0;

    /// <summary>Six significant digits (<c>G6</c>: 1.69337, 4.06401E+10), the form of every message and table.</summary>
    public static string Format(double value) => Format(value, 6);

    /// <summary><paramref name="significantDigits"/> significant digits in the general format (<c>G3</c>, <c>G4</c>, …).</summary>
    public static string Format(double value, int significantDigits) =>
        NonFinite(value) ?? value.ToString("G" + significantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><paramref name="decimals"/> digits after the point (<c>F2</c>: 0.80, 1234.57), for scores and shares.</summary>
    public static string Fixed(double value, int decimals) =>
        NonFinite(value) ?? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Three significant digits with a bare exponent from 10⁴ on (3.22e10, 0.347), for report tables.</summary>
    public static string Compact(double value) =>
        NonFinite(value) ?? (Math.Abs(value) >= 1e4 ? value.ToString("0.##e0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture));

    /// <summary>Two significant digits, scientific with a bare exponent outside [0.01, 10⁴): plot ticks and legends (1e9, 3.2e10, 0.35).</summary>
    public static string Label(double value)
    {
        if (NonFinite(value) is { } word) return word;
        if (value == 0) return "0";
        double a = Math.Abs(value);
        if (a >= 0.01 && a < 1e4) return value.ToString("0.##", CultureInfo.InvariantCulture);
        int exponent = (int)Math.Floor(Math.Log10(a));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 1);
        if (Math.Abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
        return $"{mantissa.ToString("0.#", CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : null;
}
