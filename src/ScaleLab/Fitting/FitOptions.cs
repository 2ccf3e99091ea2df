namespace ScaleLab.Fitting;

/// <summary>Everything that decides a fit besides the law and the data.</summary>
public sealed record FitOptions
{
    /// <summary>The objective (default: Huber δ = 1e-3 on log residuals, summed).</summary>
    public FitObjective Objective { get; init; } = FitObjective.Default;

    /// <summary>Parameters held at a published value.</summary>
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    /// <summary>Groups of parameters constrained equal (e.g. [alpha, beta]).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Ties { get; init; } = [];

    /// <summary>Extra bounds in published units, by parameter name.</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Explicit starts in internal coordinates; null uses the law's documented grid.</summary>
    public IReadOnlyList<double[]>? Starts { get; init; }

    /// <summary>Use only the first this many starts of the grid (null: all).</summary>
    public int? MaxStarts { get; init; }

    /// <summary>Iteration limit per start.</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>Worker threads for the starts (null: one per core). The result does not depend on it.</summary>
    public int? Parallelism { get; init; }
}
