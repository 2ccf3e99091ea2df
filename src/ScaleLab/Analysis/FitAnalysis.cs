using ScaleLab.Diagnostics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Analysis;

/// <summary>
/// Everything known about a fitted law beyond its point estimate: intervals for its parameters and derived
/// quantities (bootstrap, or profile likelihood), the profiles, a likelihood-ratio test, the bootstrap's replicates
/// and the diagnostics of the identifiability, data-coverage and interval checks. Immutable and complete; made by
/// <see cref="Fitting.FittedLaw.Analyse"/> or read back from a fit document.
/// </summary>
public sealed record FitAnalysis
{
    /// <summary>What was asked for (level, interval method, resamples, seed, clusters, profiles, test, budget).</summary>
    public required AnalysisOptions Options { get; init; }

    /// <summary>
    /// Point values of the derived quantities: the closed-form ones of the law (a, b, G for Chinchilla) and those at
    /// the budget (N_opt, D_opt, tokens_per_parameter), by name.
    /// </summary>
    public IReadOnlyDictionary<string, double> Derived { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Intervals for the parameters and derived quantities, by name: the bootstrap's when one was run, else the
    /// profile-likelihood ones; empty when neither was.
    /// </summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Profile-likelihood intervals by parameter, when profiles were computed beside a bootstrap (otherwise they are <see cref="Intervals"/>).</summary>
    public IReadOnlyDictionary<string, Interval> ProfileIntervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>The profile of every free, untied parameter, when profiles were asked for.</summary>
    public IReadOnlyList<ParameterProfile> Profiles { get; init; } = [];

    /// <summary>The likelihood-ratio test, when asked for.</summary>
    public LikelihoodRatioResult? LikelihoodRatio { get; init; }

    /// <summary>The bootstrap's replicates, when one was run.</summary>
    public BootstrapResult? Bootstrap { get; init; }

    /// <summary>Residual outliers and influential runs, with their rows (null for an analysis read from a fit document).</summary>
    public OutlierReport? Outliers { get; init; }

    /// <summary>Findings of the checks, the bootstrap and the profiles.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>
    /// The interval of a parameter or derived quantity: the one reported, else the percentile interval of the
    /// bootstrap samples at <see cref="AnalysisOptions.Level"/> (parameters only), else null.
    /// </summary>
    public Interval? IntervalOf(string name)
    {
        if (Intervals.TryGetValue(name, out var reported)) return reported;
        if (Bootstrap is not { Samples.Count: >= 2 } bootstrap) return null;
        int j = bootstrap.Law.IndexOf(name);
        if (j < 0) return null;
        var p = bootstrap.Law.Parameters[j];
        return bootstrap.IntervalFor(t => p.FromInternal(t[j]), Options.Level);
    }
}
