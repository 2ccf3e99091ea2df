using System.Globalization;

namespace ScaleLab.Plots.Model;

/// <summary>Short culture-invariant number labels for ticks and legends: <c>1e9</c>, <c>3.2e10</c>, <c>0.35</c>.</summary>
public static class NumberText
{
    /// <summary>Two significant digits, scientific with a bare exponent outside [0.01, 10⁴).</summary>
    public static string Short(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        double a = Math.Abs(value);
        if (a >= 0.01 && a < 1e4) return value.ToString("0.##", CultureInfo.InvariantCulture);
        int exponent = (int)Math.Floor(Math.Log10(a));
        double mantissa = value / Math.Pow(10, exponent);
        mantissa = Math.Round(mantissa, 1);
        if (Math.Abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
        return $"{mantissa.ToString("0.#", CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
