using System.Globalization;
using ScaleLab.Laws;

namespace ScaleLab.Analysis;

/// <summary>What a <see cref="FitAnalysis"/> computes besides the checks that always run (identifiability, data coverage).</summary>
public sealed record AnalysisOptions
{
    /// <summary>The interval level unless said otherwise: 0.8, the 10th to 90th percentiles of Hoffmann et al. 2022 Table 2.</summary>
    public const double DefaultLevel = 0.8;

    /// <summary>Interval level, between 0 and 1 (0.8 = 10th to 90th percentile).</summary>
    public double Level { get; init; } = DefaultLevel;

    /// <summary>Bootstrap interval: <c>percentile</c> or <c>bca</c> (bias-corrected and accelerated; adds jackknife refits).</summary>
    public string Interval { get; init; } = "percentile";

    /// <summary>Bootstrap resamples (at least 2; Besiroglu et al. 2024 used 4000), or null for no bootstrap.</summary>
    public int? Bootstrap { get; init; }

    /// <summary>Bootstrap seed: the same seed gives the same intervals for any thread count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Resample whole clusters instead of rows: <c>group</c>, <c>run</c>, <c>compute</c>, <c>params</c>, <c>tokens</c> or
    /// the name of any other column of the data; null resamples rows. Needs <see cref="Bootstrap"/>.
    /// </summary>
    public string? ClusterBy { get; init; }

    /// <summary>Profile-likelihood intervals for every free, untied parameter.</summary>
    public bool Profile { get; init; }

    /// <summary>Parameter values (published units) to test the fit against with a likelihood-ratio test, or null.</summary>
    public IReadOnlyDictionary<string, double>? TestAgainst { get; init; }

    /// <summary>Compute budget (FLOPs) for N_opt, D_opt and tokens per parameter; null: the largest compute in the data.</summary>
    public double? Budget { get; init; }

    /// <summary>Worker threads for the bootstrap (null: one per core); the result does not depend on it.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/>, saying what is allowed, for options that <paramref name="law"/> or any data cannot take.</summary>
    public void Validate(ScalingLaw law)
    {
        if (!(Level > 0 && Level < 1)) throw new ArgumentException($"the interval level must be between 0 and 1 (e.g. 0.8), got {Level.ToString(CultureInfo.InvariantCulture)}");
        if (Interval is not ("percentile" or "bca")) throw new ArgumentException($"the bootstrap interval must be percentile or bca, got '{Interval}'");
        if (Bootstrap is { } b && b < 2) throw new ArgumentException($"the bootstrap needs at least 2 resamples, got {b}");
        if (ClusterBy is not null && Bootstrap is null) throw new ArgumentException("resampling clusters needs a bootstrap (give the number of resamples)");
        if (Budget is { } c && (!(c > 0) || !double.IsFinite(c))) throw new ArgumentException("the compute budget must be a positive number of FLOPs");
        if (Parallelism is < 1) throw new ArgumentException("the number of threads must be at least 1");
        if (TestAgainst is { } hypothesis)
        {
            if (hypothesis.Count == 0) throw new ArgumentException("the likelihood-ratio test names no parameter");
            foreach (var name in hypothesis.Keys)
            {
                if (law.IndexOf(name) < 0)
                {
                    throw new ArgumentException($"law '{law.Name}' has no parameter '{name}' (has: {string.Join(", ", law.Parameters.Select(p => p.Name))})");
                }
            }
        }
    }
}
