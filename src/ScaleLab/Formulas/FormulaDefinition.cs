namespace ScaleLab.Formulas;

/// <summary>A named intermediate quantity of a law, e.g. <c>R_D = max(D/U - 1, 0)</c>.</summary>
/// <param name="Name">The name later definitions and the formula use.</param>
/// <param name="Expression">The parsed right-hand side.</param>
/// <param name="Text">The definition as written (<c>NAME = EXPRESSION</c>), for messages.</param>
public sealed record FormulaDefinition(string Name, FormulaNode Expression, string Text);
