using ScaleLab.Fitting;

namespace ScaleLab.Formulas;

/// <summary>What a law predicts: the column of the observed metric and the space residuals are taken in.</summary>
/// <param name="Column">The metric's column (possibly a nested path).</param>
/// <param name="Space">Log (the default), linear or log1p residuals.</param>
public sealed record FormulaTarget(string Column, ResidualSpace Space = ResidualSpace.Log);
