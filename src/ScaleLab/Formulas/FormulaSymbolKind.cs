namespace ScaleLab.Formulas;

/// <summary>What a name in a formula stands for.</summary>
public enum FormulaSymbolKind
{
    /// <summary>A variable bound to a data column (one value per row).</summary>
    Variable,

    /// <summary>A fitted parameter (one value per fit): every free name that is neither variable nor definition.</summary>
    Parameter,

    /// <summary>A named intermediate quantity defined earlier in the law.</summary>
    Definition,
}
