namespace ScaleLab.Uncertainty;

/// <summary>One point of an objective profile: the parameter held at <paramref name="Value"/>, the others refitted.</summary>
/// <param name="Value">The profiled parameter's value (published units).</param>
/// <param name="Objective">The minimum of the objective over the other free parameters.</param>
public sealed record ProfilePoint(double Value, double Objective);
