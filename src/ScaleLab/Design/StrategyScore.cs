namespace ScaleLab.Design;

/// <summary>A strategy's target-region R² and RMSLE on one study at one budget: mean and standard deviation over the replicates.</summary>
public sealed record StrategyScore
{
    /// <summary>The study.</summary>
    public required string Scenario { get; init; }

    /// <summary>The budget as a fraction of the pool's total cost.</summary>
    public required double Fraction { get; init; }

    /// <summary>The strategy.</summary>
    public required SelectionStrategy Strategy { get; init; }

    /// <summary>Replicates averaged.</summary>
    public required int Replicates { get; init; }

    /// <summary>Mean target-region R².</summary>
    public required double MeanRSquared { get; init; }

    /// <summary>Standard deviation of R² over replicates.</summary>
    public required double SdRSquared { get; init; }

    /// <summary>Mean target-region RMSLE.</summary>
    public required double MeanRmsle { get; init; }

    /// <summary>Standard deviation of RMSLE over replicates.</summary>
    public required double SdRmsle { get; init; }

    /// <summary>Mean number of runs trained.</summary>
    public required double MeanRuns { get; init; }

    /// <summary>Mean cost spent as a fraction of the pool's total.</summary>
    public required double MeanSpent { get; init; }
}
