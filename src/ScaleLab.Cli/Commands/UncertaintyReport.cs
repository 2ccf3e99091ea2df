using ScaleLab.Diagnostics;
using ScaleLab.Serialization;
using ScaleLab.Uncertainty;

namespace ScaleLab.Cli.Commands;

/// <summary>What the uncertainty options of <c>fit</c> add to its output: intervals, diagnostics, a likelihood-ratio test.</summary>
internal sealed record UncertaintyReport
{
    /// <summary>Intervals for parameters and derived quantities (a, b, G, N_opt, D_opt, tokens_per_parameter), by name.</summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Profile intervals, when profiles were computed alongside a bootstrap (by name).</summary>
    public IReadOnlyDictionary<string, Interval> ProfileIntervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Point values of the derived quantities the intervals cover.</summary>
    public IReadOnlyDictionary<string, double> Derived { get; init; } = new Dictionary<string, double>();

    /// <summary>Warnings from identifiability, data coverage, the bootstrap and the profiles.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The likelihood-ratio test, when asked for.</summary>
    public LikelihoodRatioResult? LikelihoodRatio { get; init; }

    /// <summary>The bootstrap, when run.</summary>
    public BootstrapResult? Bootstrap { get; init; }

    /// <summary>
    /// The fit document with this report in it: <c>intervals {name: {lower, upper, level, method}}</c>
    /// for parameters and derived quantities, <c>profileIntervals</c>, <c>likelihoodRatio</c>,
    /// <c>bootstrap {resamples, failed, seed, clusterBy, samples}</c>, and the diagnostics appended.
    /// </summary>
    public FitDocument ApplyTo(FitDocument document)
    {
        // Loops rather than ToDictionary and the copying constructor: their code over these key-value pairs would be
        // compiled at start-up, while the enumerators below are compiled once for the document's writing anyway.
        static IReadOnlyDictionary<string, IntervalEntry> Entries(IReadOnlyDictionary<string, Interval> intervals)
        {
            var entries = new Dictionary<string, IntervalEntry>(StringComparer.Ordinal);
            foreach (var (name, i) in intervals) entries.Add(name, new IntervalEntry(i.Lower, i.Upper, i.Level, i.Method));
            return entries;
        }
        var derived = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in document.Derived) derived.Add(k, v);
        foreach (var (k, v) in Derived) derived[k] = v;
        return document with
        {
            Derived = derived,
            Intervals = Entries(Intervals),
            ProfileIntervals = ProfileIntervals.Count > 0 ? Entries(ProfileIntervals) : null,
            LikelihoodRatio = LikelihoodRatio is { } lr
                ? new LikelihoodRatioEntry(lr.Hypothesis, lr.Statistic, lr.DegreesOfFreedom, lr.PValue, lr.ObjectiveFit, lr.ObjectiveHypothesis, lr.Likelihood)
                : null,
            Bootstrap = Bootstrap is { } b
                ? new BootstrapEntry { Resamples = b.Resamples, Failed = b.Failed, Seed = unchecked((long)b.Seed), ClusterBy = b.ClusterBy, Samples = b.PublishedSamples(), LogResiduals = b.LogResiduals.ToArray() }
                : null,
            Diagnostics = document.Diagnostics.Concat(Diagnostics.Select(DiagnosticEntry.From)).ToArray(),
        };
    }
}
