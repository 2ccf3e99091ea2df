using System.Globalization;

namespace ScaleLab.Quantities;

/// <summary>
/// The unit a compute column is written in, converted to FLOP on reading (<c>--compute-unit</c>). Training
/// logs and papers use GFLOP (OLMo's ladder), PFLOP, EFLOP or PF-days (Kaplan et al. 2020: 1 PF-day =
/// 10^15 FLOP/s × 86 400 s = 8.64e19 FLOP).
/// </summary>
public sealed record ComputeUnit(string Name, double FlopsPerUnit)
{
    /// <summary>Floating-point operations (no conversion).</summary>
    public static ComputeUnit Flop { get; } = new("FLOP", 1);

    /// <summary>10^9 FLOP.</summary>
    public static ComputeUnit Gflop { get; } = new("GFLOP", 1e9);

    /// <summary>10^12 FLOP.</summary>
    public static ComputeUnit Tflop { get; } = new("TFLOP", 1e12);

    /// <summary>10^15 FLOP.</summary>
    public static ComputeUnit Pflop { get; } = new("PFLOP", 1e15);

    /// <summary>10^18 FLOP.</summary>
    public static ComputeUnit Eflop { get; } = new("EFLOP", 1e18);

    /// <summary>A petaflop/s-day, 8.64e19 FLOP.</summary>
    public static ComputeUnit PetaflopDay { get; } = new("PF-days", 8.64e19);

    /// <summary>Every unit, smallest first.</summary>
    public static IReadOnlyList<ComputeUnit> All { get; } = [Flop, Gflop, Tflop, Pflop, Eflop, PetaflopDay];

    /// <summary>The option value naming the unit (flop, gflop, tflop, pflop, eflop, pf-days).</summary>
    public string Key => Name.ToLowerInvariant();

    /// <summary>Reads a unit name (case-insensitive; pf-day, pfs-days and petaflop-days name PF-days).</summary>
    /// <exception cref="ArgumentException">Unknown, naming the known ones.</exception>
    public static ComputeUnit Parse(string text)
    {
        var key = text.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal);
        if (key is "flops") return Flop;
        if (key is "pf-day" or "pfs-day" or "pfs-days" or "petaflop-day" or "petaflop-days" or "pfdays") return PetaflopDay;
        foreach (var unit in All)
        {
            if (unit.Key == key || unit.Key + "s" == key) return unit;
        }
        throw new ArgumentException($"--compute-unit: '{text}' is not a unit (known: {string.Join(", ", All.Select(u => u.Key))})");
    }

    /// <inheritdoc />
    public override string ToString() => Name + (FlopsPerUnit == 1 ? "" : " (" + FlopsPerUnit.ToString("G3", CultureInfo.InvariantCulture) + " FLOP)");
}
