using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Cli.Commands;

/// <summary>What the uncertainty options of <c>fit</c> add to its output: intervals, diagnostics, a likelihood-ratio test.</summary>
internal sealed record UncertaintyReport
{
    /// <summary>Intervals for parameters and derived quantities (a, b, G, N_opt, D_opt, tokens_per_parameter), by name.</summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Profile intervals, when profiles were computed alongside a bootstrap (by name).</summary>
    public IReadOnlyDictionary<string, Interval> ProfileIntervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Warnings from identifiability, data coverage, the bootstrap and the profiles.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The likelihood-ratio test, when asked for.</summary>
    public LikelihoodRatioResult? LikelihoodRatio { get; init; }

    /// <summary>The bootstrap, when run.</summary>
    public BootstrapResult? Bootstrap { get; init; }

    /// <summary>True when no uncertainty option was given.</summary>
    public bool IsEmpty => Intervals.Count == 0 && ProfileIntervals.Count == 0 && LikelihoodRatio is null && Bootstrap is null && Diagnostics.Count == 0;

    /// <summary>Human-readable lines.</summary>
    public void WriteText(TextWriter output)
    {
        void Table(string title, IReadOnlyDictionary<string, Interval> intervals)
        {
            if (intervals.Count == 0) return;
            var first = intervals.Values.First();
            output.WriteLine($"{title} ({UncertaintyJson.Fmt(100 * first.Level, "G3")} %, {first.Method}):");
            foreach (var (name, interval) in intervals)
            {
                output.WriteLine($"  {name,-22} {UncertaintyJson.Fmt(interval.Lower, "G5"),12} .. {UncertaintyJson.Fmt(interval.Upper, "G5"),-12}");
            }
        }
        if (Bootstrap is { } b)
        {
            output.WriteLine($"bootstrap: {b.Resamples} resamples of {b.ClusterCount} {(b.ClusterBy is null ? "rows" : $"clusters ({b.ClusterBy})")}, seed {b.Seed}, {b.Failed} failed");
        }
        Table("intervals", Intervals);
        Table("profile-likelihood intervals", ProfileIntervals);
        if (LikelihoodRatio is { } lr) output.WriteLine(lr.ToString());
        foreach (var d in Diagnostics) output.WriteLine(d.ToString());
    }

    /// <summary>
    /// The JSON members this report adds to a fit document: <c>intervals {name: {lower, upper, level,
    /// method}}</c>, <c>profileIntervals</c>, <c>likelihoodRatio</c>, <c>bootstrap {resamples, failed,
    /// seed, clusterBy, samples}</c> and <c>diagnostics</c>.
    /// </summary>
    public JsonObject ToJson(bool includeSamples = true)
    {
        var root = new JsonObject();
        var intervals = new JsonObject();
        foreach (var (name, interval) in Intervals) intervals[name] = UncertaintyJson.Interval(interval);
        root["intervals"] = intervals;
        if (ProfileIntervals.Count > 0)
        {
            var profiles = new JsonObject();
            foreach (var (name, interval) in ProfileIntervals) profiles[name] = UncertaintyJson.Interval(interval);
            root["profileIntervals"] = profiles;
        }
        if (LikelihoodRatio is { } lr)
        {
            var hypothesis = new JsonObject();
            foreach (var (k, v) in lr.Hypothesis) hypothesis[k] = v;
            root["likelihoodRatio"] = new JsonObject
            {
                ["hypothesis"] = hypothesis,
                ["statistic"] = UncertaintyJson.Number(lr.Statistic),
                ["df"] = lr.DegreesOfFreedom,
                ["pValue"] = UncertaintyJson.Number(lr.PValue),
                ["objectiveFit"] = UncertaintyJson.Number(lr.ObjectiveFit),
                ["objectiveHypothesis"] = UncertaintyJson.Number(lr.ObjectiveHypothesis),
                ["likelihood"] = lr.Likelihood,
            };
        }
        if (Bootstrap is { } b)
        {
            var samples = new JsonArray();
            if (includeSamples) foreach (var row in b.PublishedSamples()) samples.Add(new JsonArray(row.Select(v => UncertaintyJson.Number(v)).ToArray()));
            root["bootstrap"] = new JsonObject
            {
                ["resamples"] = b.Resamples,
                ["failed"] = b.Failed,
                ["seed"] = b.Seed,
                ["clusterBy"] = b.ClusterBy,
                ["samples"] = samples,
            };
        }
        root["diagnostics"] = new JsonArray(Diagnostics.Select(d => (JsonNode)UncertaintyJson.Diagnostic(d)).ToArray());
        return root;
    }
}
