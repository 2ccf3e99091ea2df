using ScaleLab.Fitting;

namespace ScaleLab.Design;

/// <summary>The settings of a replay of a real study (<see cref="PoolReplay"/>).</summary>
public sealed record ReplayOptions
{
    /// <summary>The objective every fit uses.</summary>
    public FitObjective Objective { get; init; } = FitObjective.Default;

    /// <summary>What a run costs (default 6·N·D).</summary>
    public CostExpression Cost { get; init; } = CostExpression.Default;

    /// <summary>The share of the runs held out as the target: the most expensive ones.</summary>
    public double TargetFraction { get; init; } = 0.1;

    /// <summary>The cheapest runs trained before any selection.</summary>
    public int InitialRuns { get; init; } = 3;

    /// <summary>Budgets at which the target error is measured, as fractions of the study's total cost (the largest is the replay's budget).</summary>
    public IReadOnlyList<double> Checkpoints { get; init; } = [0.02, 0.05, 0.1, 0.2, 0.4];

    /// <summary>The strategies replayed.</summary>
    public IReadOnlyList<SelectionStrategy> Strategies { get; init; } = [SelectionStrategy.ScaleLab, SelectionStrategy.Random];

    /// <summary>Seeds per strategy (the random strategies differ by seed; ScaleLab's outcome samples and start offsets do).</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>First seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Grid starts of the basin search at every step.</summary>
    public int BasinStarts { get; init; } = 8;

    /// <summary>Worker threads (null: one per core). The result does not depend on it.</summary>
    public int? Parallelism { get; init; }
}
