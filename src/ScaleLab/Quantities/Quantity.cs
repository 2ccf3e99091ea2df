using System.Globalization;

namespace ScaleLab.Quantities;

/// <summary>Shared validation for the positive, finite quantities of scaling laws.</summary>
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

    /// <summary>Culture-invariant round-trip formatting used in every message and output.</summary>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
