using ScaleLab.Data;

namespace ScaleLab.Fitting;

/// <summary>The smallest and largest value of one scale variable in the data a law was fitted to.</summary>
/// <param name="Variable">The variable.</param>
/// <param name="Min">Smallest value (NaN when any value is NaN).</param>
/// <param name="Max">Largest value.</param>
public readonly record struct VariableRange(ScaleVariable Variable, double Min, double Max);
