using ScaleLab.Fitting;

namespace ScaleLab.Uncertainty;

/// <summary>How to bootstrap a fit.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples B (Besiroglu et al. 2024 used 4000).</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Seed: the same seed gives the same replicates for any thread count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Cluster of every point (same length as the data), or null to resample rows. With clusters,
    /// whole clusters are drawn with replacement (runs, model sizes, IsoFLOP budgets), which keeps
    /// points that share errors together.
    /// </summary>
    public IReadOnlyList<int>? Clusters { get; init; }

    /// <summary>Name of the clustering column for reports (e.g. <c>group</c>).</summary>
    public string? ClusterBy { get; init; }

    /// <summary>Perturbed starts added to the warm start (the full-data optimum) for every refit.</summary>
    public int PerturbedStarts { get; init; } = 4;

    /// <summary>Also refit leave-one-out (or leave-one-cluster-out) samples, needed for BCa intervals.</summary>
    public bool Jackknife { get; init; }

    /// <summary>Worker threads (null: one per core). The result does not depend on it.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Fit options for refits (objective, fixed parameters, ties, bounds); starts are replaced. Null: the full fit's options.</summary>
    public FitOptions? FitOptions { get; init; }
}
