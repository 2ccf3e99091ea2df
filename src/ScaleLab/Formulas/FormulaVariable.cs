namespace ScaleLab.Formulas;

/// <summary>A law's variable: the symbol in the formula and the data column it reads.</summary>
/// <param name="Symbol">The name in the formula, e.g. <c>N</c>.</param>
/// <param name="Column">The column, possibly a nested path such as <c>hyperparameters.params</c> (kept as written).</param>
/// <param name="Description">One line for tables and reports.</param>
/// <param name="Unit">The unit of the column's values, if stated.</param>
public sealed record FormulaVariable(string Symbol, string Column, string Description = "", string Unit = "");
