namespace ScaleLab.Serialization;

/// <summary>One parameter of a formula law in a fit document: bounds in published units, transform, fixed value, start range.</summary>
public sealed record FormulaParameterEntry
{
    /// <summary>Lower bound (−∞ when unbounded, written "-Infinity").</summary>
    public double Lower { get; init; } = double.NegativeInfinity;

    /// <summary>Upper bound (+∞ when unbounded).</summary>
    public double Upper { get; init; } = double.PositiveInfinity;

    /// <summary>True when the parameter is fitted as ln of its value.</summary>
    public bool Log { get; init; }

    /// <summary>The value it was held at, when it was not fitted.</summary>
    public double? Fixed { get; init; }

    /// <summary>The range starts were drawn from, [lower, upper], when narrower than the bounds.</summary>
    public IReadOnlyList<double>? Start { get; init; }

    /// <summary>One line for tables and reports.</summary>
    public string? Description { get; init; }
}
