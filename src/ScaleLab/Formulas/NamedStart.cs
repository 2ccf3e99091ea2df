namespace ScaleLab.Formulas;

/// <summary>A start a law file names (e.g. the published fit): values for some or all parameters.</summary>
/// <param name="Name">The name, e.g. <c>published</c>.</param>
/// <param name="Values">Parameter name → value in published units; parameters left out start at the middle of their range.</param>
public sealed record NamedStart(string Name, IReadOnlyDictionary<string, double> Values);
