using ScaleLab.Data;
using ScaleLab.Diagnostics;

namespace ScaleLab.Store;

/// <summary>Turns stored runs into the core's <see cref="ObservationSet"/>, the input of every fit.</summary>
public static class RunObservations
{
    /// <summary>
    /// One observation per finished run with finite D that measured <paramref name="metric"/> (held-out by default,
    /// on the training data when <paramref name="train"/> is set). Failed runs and runs without the
    /// metric are left out and counted in a diagnostic.
    /// </summary>
    public static ObservationSet From(IEnumerable<RunRecord> runs, string source, string metric = "loss", bool train = false)
    {
        var observations = new List<Observation>();
        int failed = 0, missing = 0, infinite = 0;
        foreach (var run in runs)
        {
            if (run.Status != RunStatus.Finished || run.Outcome is not { } o)
            {
                failed++;
                continue;
            }
            if (o.Tokens is not { } tokens || o.Compute is not { } compute)
            {
                infinite++;
                continue;
            }
            var metrics = train ? o.Train : o.HeldOut;
            if (!metrics.TryGetValue(metric, out var value) || !double.IsFinite(value))
            {
                missing++;
                continue;
            }
            observations.Add(new Observation
            {
                Parameters = o.Parameters,
                Tokens = tokens,
                Compute = compute,
                Metric = value,
                Derived = o.ComputeCounting == RunOutcome.SixND ? ScaleVariable.Compute : null,
                RunId = run.RunId,
                Group = run.Group,
                Seed = run.Seed,
                Tags = Tags(run, o),
            });
        }
        var diagnostics = new List<Diagnostic>();
        if (failed > 0) diagnostics.Add(Diagnostic.Warning("failed-runs", $"{failed} failed run(s) left out"));
        if (infinite > 0) diagnostics.Add(Diagnostic.Info("infinite-data", $"{infinite} run(s) on infinite data (no D or C) left out"));
        if (missing > 0)
        {
            diagnostics.Add(Diagnostic.Warning("metric-missing",
                $"{missing} finished run(s) have no finite {(train ? "training" : "held-out")} '{metric}' and were left out"));
        }
        return new ObservationSet(source, train ? "train_" + metric : metric, observations, diagnostics);
    }

    // A sweep's own tags (its extra axes) come first; the store's columns win a clash of names.
    private static Dictionary<string, string> Tags(RunRecord run, RunOutcome o) => new(run.Tags, StringComparer.Ordinal)
    {
        ["study"] = run.Study,
        ["kind"] = run.Kind,
        ["parameter_counting"] = o.ParameterCounting,
        ["compute_counting"] = o.ComputeCounting,
    };
}
