namespace ScaleLab.Formulas;

/// <summary>A quantity a law file derives from the fitted parameters, e.g. <c>G = (alpha*A/(beta*B))^(1/(alpha+beta))</c>.</summary>
/// <param name="Name">The quantity's name.</param>
/// <param name="Expression">The parsed expression (parameters and earlier derived quantities only).</param>
/// <param name="Text">The expression as written.</param>
public sealed record FormulaDerived(string Name, FormulaNode Expression, string Text);
