namespace ScaleLab.Serialization;

/// <summary>The objective of a fit in a <see cref="FitDocument"/>.</summary>
/// <param name="Name">e.g. <c>huber-log</c>.</param>
/// <param name="Value">Objective at the optimum, summed over points.</param>
/// <param name="Delta">Huber threshold δ (null for other losses).</param>
/// <param name="NegativeWeight">Weight of negative residuals (asymmetric loss only).</param>
public sealed record ObjectiveEntry(string Name, double Value, double? Delta = null, double? NegativeWeight = null);
