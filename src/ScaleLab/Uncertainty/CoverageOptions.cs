namespace ScaleLab.Uncertainty;

/// <summary>
/// Settings of the bootstrap coverage simulation (the check of Besiroglu et al. 2024 that bootstrap intervals cover). Defaults are its design:
/// truth = Besiroglu et al.'s refit, an IsoFLOP grid of 49 runs (7 budgets × 7 sizes), Gaussian noise of 0.01 on ln L,
/// 60 replicate data sets × 100 resamples, 80 % percentile interval for a.
/// </summary>
public sealed record CoverageOptions
{
    /// <summary>Simulated data sets.</summary>
    public int Replicates { get; init; } = 60;

    /// <summary>Bootstrap resamples per data set.</summary>
    public int Resamples { get; init; } = 100;

    /// <summary>Standard deviation of the noise added to ln L.</summary>
    public double Noise { get; init; } = 0.01;

    /// <summary>Nominal level of the interval checked.</summary>
    public double Level { get; init; } = 0.8;

    /// <summary>Seed of the whole simulation.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Perturbed starts per bootstrap refit (besides the warm start).</summary>
    public int PerturbedStarts { get; init; } = 4;

    /// <summary>Worker threads (null: one per core); the result does not depend on it.</summary>
    public int? Parallelism { get; init; }
}
