namespace ScaleLab.Formulas;

/// <summary>One start of a multistart fit.</summary>
/// <param name="Name">A named start's name, or <c>sobol N</c> for the N-th point of the space-filling design.</param>
/// <param name="Values">A value for every parameter in the order given to the design, in published units.</param>
public sealed record FormulaStart(string Name, double[] Values);
