namespace ScaleLab.Serialization;

/// <summary>Smallest and largest value of a scale variable in the fitted data (for extrapolation warnings).</summary>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record RangeEntry(double Min, double Max);
