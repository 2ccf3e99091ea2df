using ScaleLab.Fitting;

namespace ScaleLab.Design;

/// <summary>Everything that decides a selection besides the law, the runs, the candidates and the target.</summary>
public sealed record DesignOptions
{
    /// <summary>Default exponent of the cost in the score gain / cost^power (see <see cref="CostPower"/>).</summary>
    public const double DefaultCostPower = 1;

    /// <summary>The most the selected runs may cost together (null: no limit, then <see cref="MaxRuns"/> must be set).</summary>
    public double? Budget { get; init; }

    /// <summary>The most runs to select (null: as many as the budget buys).</summary>
    public int? MaxRuns { get; init; }

    /// <summary>
    /// The exponent of the cost in the score expected gain / cost^power. Null (the default) uses
    /// <see cref="DefaultCostPower"/> = 1, gain per unit cost — the cost-benefit greedy rule for a budget
    /// (Krause &amp; Guestrin 2005) — and, under a budget, also the unit-cost greedy rule (power 0), keeping
    /// whichever sequence leaves the smaller expected target error (Leskovec et al. 2007), which guards
    /// against one expensive run being worth more than every cheap one together. A value given here is
    /// used alone.
    /// </summary>
    public double? CostPower { get; init; }

    /// <summary>The objective the law is fitted with (default Huber δ = 1e-3 on log residuals).</summary>
    public FitObjective Objective { get; init; } = FitObjective.Default;

    /// <summary>Parameters held at a published value (not free, not uncertain).</summary>
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    /// <summary>Local fits run to find the basins: an evenly strided subset of the law's default starts.</summary>
    public int BasinStarts { get; init; } = 24;

    /// <summary>Extra starts in internal coordinates (e.g. the basins of a previous selection), run before the grid's.</summary>
    public IReadOnlyList<double[]> WarmStarts { get; init; } = [];

    /// <summary>Iteration limit of each local fit.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// Prior standard deviation of a run's log metric about the law (seed-to-seed noise; about 0.01 in ln L
    /// for language models, Kaplan et al. 2020's ≈ 0.02 nats at L ≈ 2–3). It counts as
    /// <see cref="PriorNoiseWeight"/> residuals in the noise estimate, so that the fits' own residuals take over
    /// as runs accumulate.
    /// </summary>
    public double PriorNoise { get; init; } = 0.01;

    /// <summary>Pseudo-residuals the prior noise counts as (the degrees of freedom of a scaled inverse-χ² prior).</summary>
    public double PriorNoiseWeight { get; init; } = 2;

    /// <summary>
    /// Prior standard deviation of every free internal coordinate (log units for scale parameters), so that
    /// directions the runs do not yet determine have a large but finite variance.
    /// </summary>
    public double PriorParameterScale { get; init; } = 10;

    /// <summary>Level of the reported target intervals.</summary>
    public double Level { get; init; } = 0.8;

    /// <summary>Simulated outcomes used to score the disagreement between basins that a run would resolve.</summary>
    public int OutcomeSamples { get; init; } = 512;

    /// <summary>Seed of the basin starts' order ties and the simulated outcomes: the result is fixed by it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads (null: one per core). The result does not depend on it.</summary>
    public int? Parallelism { get; init; }
}
