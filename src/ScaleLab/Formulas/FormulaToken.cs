namespace ScaleLab.Formulas;

/// <summary>One token: its kind, where it starts, how long it is, and its number or text.</summary>
internal readonly record struct FormulaToken(FormulaTokenKind Kind, int Position, int Length, double Number = 0, string Text = "")
{
    /// <summary>How the token reads in an error message ("')'", "the number 2", "the end of the formula").</summary>
    public string Describe(string source) => Kind switch
    {
        FormulaTokenKind.End => "end of input",
        FormulaTokenKind.Number => $"number '{source.Substring(Position, Length)}'",
        FormulaTokenKind.Identifier => $"name '{Text}'",
        FormulaTokenKind.Text => "quoted text",
        _ => $"'{source.Substring(Position, Length)}'",
    };
}
