using ScaleLab.Data;

namespace ScaleLab.Design;

/// <summary>
/// A run that could be trained next: its place in the candidate list (the 0-based data row of a
/// candidate file, or the index in a generated grid), an optional id kept from the input, its scale
/// variables and its cost in the units of the budget.
/// </summary>
/// <param name="Row">0-based row in the candidate file (or index in a generated grid).</param>
/// <param name="Id">The id column's value, or a generated label, or null.</param>
/// <param name="Point">The run's scale variables (its metric is unknown: NaN).</param>
/// <param name="Cost">What training it costs, in the budget's units (positive).</param>
public sealed record DesignCandidate(int Row, string? Id, Observation Point, double Cost);
