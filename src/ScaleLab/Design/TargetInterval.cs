namespace ScaleLab.Design;

/// <summary>
/// The target's interval now and expected after the suggested runs. Each quantity's log has a mixture
/// variance Σ_k π_k Var_k + Σ_k π_k (μ_k − μ̄)² (within- plus between-basin); intervals are exp(μ̄ ± z·sd) at
/// <see cref="Level"/>, a normal approximation on the log scale.
/// </summary>
public sealed record TargetInterval
{
    /// <summary>What is predicted: <c>loss</c>, <c>N_opt</c> or <c>D_opt</c>.</summary>
    public required string Quantity { get; init; }

    /// <summary>Interval level.</summary>
    public required double Level { get; init; }

    /// <summary>Root mean square over the target of the log standard deviation now.</summary>
    public required double RmsLogStandardDeviation { get; init; }

    /// <summary>The same, expected after the suggested runs.</summary>
    public required double RmsLogStandardDeviationAfter { get; init; }

    /// <summary>Each target quantity.</summary>
    public required IReadOnlyList<TargetIntervalPoint> Points { get; init; }
}
