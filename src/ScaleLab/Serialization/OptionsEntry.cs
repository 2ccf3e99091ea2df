namespace ScaleLab.Serialization;

/// <summary>The fitting options that decided a fit, as far as they are not in the objective.</summary>
public sealed record OptionsEntry
{
    /// <summary>Parameters held fixed, in published units.</summary>
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    /// <summary>Groups of parameters constrained equal.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Ties { get; init; } = [];

    /// <summary>User bounds in published units.</summary>
    public IReadOnlyDictionary<string, BoundEntry> Bounds { get; init; } = new Dictionary<string, BoundEntry>();

    /// <summary>Limit on the number of starts (null: the law's whole grid).</summary>
    public int? MaxStarts { get; init; }

    /// <summary>Iteration limit per start.</summary>
    public int MaxIterations { get; init; }

    /// <summary>Whether explicit starts replaced the law's grid.</summary>
    public bool CustomStarts { get; init; }
}
