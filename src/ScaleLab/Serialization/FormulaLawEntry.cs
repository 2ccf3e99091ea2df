namespace ScaleLab.Serialization;

/// <summary>
/// A formula law as a fit document carries it (<c>formulaLaw</c>), so that the document alone predicts, plots and
/// plans: the formula and its definitions, which column each variable read, every parameter in θ order with its
/// bounds and transform, the target, the derived quantities, the cost formula and where the law came from.
/// </summary>
public sealed record FormulaLawEntry
{
    /// <summary>The formula as written.</summary>
    public required string Formula { get; init; }

    /// <summary>Definitions <c>NAME = EXPRESSION</c> in evaluation order.</summary>
    public IReadOnlyList<string> Definitions { get; init; } = [];

    /// <summary>Each variable's column (or JSON path), by symbol.</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>Every parameter in θ order.</summary>
    public required IReadOnlyDictionary<string, FormulaParameterEntry> Parameters { get; init; }

    /// <summary>The metric column, residual space and loss the law file asked for, when it did.</summary>
    public FormulaTargetEntry? Target { get; init; }

    /// <summary>Derived quantities: name → expression in the parameters.</summary>
    public IReadOnlyDictionary<string, string> Derived { get; init; } = new Dictionary<string, string>();

    /// <summary>The training cost C(N, D) plans hold fixed, when the law gives one (else C = 6ND).</summary>
    public string? Cost { get; init; }

    /// <summary>Where the law comes from.</summary>
    public string? Citation { get; init; }

    /// <summary>What the law is for.</summary>
    public string? Description { get; init; }

    /// <summary>The law file it was read from, when it was.</summary>
    public string? File { get; init; }
}
