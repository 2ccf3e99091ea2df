using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Serialization;
using ScaleLab.Numerics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Plots.Model;

/// <summary>
/// What plots and the report need from a fit, whether it was just computed (<see cref="FitResult"/>)
/// or read back from a fit document: the law, its parameters, the bootstrap samples when there
/// are any, and the fit's status and diagnostics.
/// </summary>
public sealed record FitView
{
    /// <summary>The law fitted.</summary>
    public required ScalingLaw Law { get; init; }

    /// <summary>Published parameter values by name.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>
    /// Bootstrap refits, each a vector of published parameter values in the order of
    /// <see cref="ScalingLaw.Parameters"/>; empty when the fit has none (then no bands are drawn).
    /// </summary>
    public IReadOnlyList<double[]> Samples { get; init; } = [];

    /// <summary>Parameter intervals as the fit reports them; when empty they are taken from <see cref="Samples"/>.</summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>Coverage of bands and sample-derived intervals (0.8: 10th–90th percentiles, as Hoffmann et al. 2022 Table 2).</summary>
    public double Level { get; init; } = 0.8;

    /// <summary>converged, not-converged or failed.</summary>
    public string Status { get; init; } = "unknown";

    /// <summary>Objective name, e.g. <c>huber-log (delta 0.001)</c>.</summary>
    public string? ObjectiveName { get; init; }

    /// <summary>Objective value at the optimum.</summary>
    public double? Objective { get; init; }

    /// <summary>Points fitted.</summary>
    public int? Points { get; init; }

    /// <summary>Starts run.</summary>
    public int? Starts { get; init; }

    /// <summary>Starts that reached the best objective.</summary>
    public int? StartsAtBest { get; init; }

    /// <summary>Iterations of the best start.</summary>
    public int? Iterations { get; init; }

    /// <summary>What the fit found worth saying.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Internal coordinates of <see cref="Parameters"/>.</summary>
    public double[] Theta => Law.FromNamed(Parameters);

    /// <summary>Internal coordinates of each bootstrap sample (non-finite samples skipped).</summary>
    public IReadOnlyList<double[]> SampleThetas()
    {
        var result = new List<double[]>(Samples.Count);
        foreach (var s in Samples)
        {
            if (s.Length != Law.Parameters.Count || !s.All(double.IsFinite)) continue;
            var theta = new double[s.Length];
            for (int j = 0; j < s.Length; j++) theta[j] = Law.Parameters[j].ToInternal(s[j]);
            if (theta.All(double.IsFinite)) result.Add(theta);
        }
        return result;
    }

    /// <summary>The interval of a parameter: the reported one, else percentiles of the samples, else null.</summary>
    public Interval? IntervalOf(string name)
    {
        if (Intervals.TryGetValue(name, out var given)) return given;
        int j = Law.IndexOf(name);
        if (j < 0 || Samples.Count < Percentiles.MinimumSamples) return null;
        var values = Samples.Where(s => s.Length == Law.Parameters.Count && double.IsFinite(s[j])).Select(s => s[j]).ToArray();
        if (values.Length < Percentiles.MinimumSamples) return null;
        var (lo, hi) = Quantile.Central(values, Level);
        return new Interval(lo, hi, Level, "percentile bootstrap");
    }

    /// <summary>A view of a fit just computed; <paramref name="samples"/> are bootstrap refits when available.</summary>
    public static FitView From(FitResult fit, IReadOnlyList<double[]>? samples = null) => new()
    {
        Law = fit.Law,
        Parameters = fit.Parameters,
        Samples = samples ?? [],
        Status = fit.Status switch
        {
            FitStatus.Converged => "converged",
            FitStatus.NotConverged => "not-converged",
            _ => "failed",
        },
        ObjectiveName = fit.Options.Objective.ToString(),
        Objective = fit.Objective,
        Points = fit.Points,
        Starts = fit.Starts,
        StartsAtBest = fit.StartsAtBest,
        Iterations = fit.Iterations,
        Diagnostics = fit.Diagnostics,
    };

    /// <summary>A view of a saved fit document (<c>scalelab.fit/1</c>), bootstrap samples and intervals included.</summary>
    /// <exception cref="ArgumentException">The document names a law this build does not know.</exception>
    public static FitView From(FitDocument document)
    {
        var intervals = document.Intervals.ToDictionary(kv => kv.Key, kv => new Interval(kv.Value.Lower, kv.Value.Upper, kv.Value.Level, kv.Value.Method), StringComparer.Ordinal);
        return new FitView
        {
            Law = document.ResolveLaw(),
            Parameters = document.Parameters,
            Samples = document.Bootstrap?.Samples.Select(s => s.ToArray()).ToArray() ?? [],
            Intervals = intervals,
            // Bands use the coverage of the document's intervals (all share one level).
            Level = intervals.Count > 0 ? intervals.Values.First().Level : 0.8,
            Status = document.Status,
            ObjectiveName = document.Objective.Delta is { } delta ? $"{document.Objective.Name} (delta {delta.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : document.Objective.Name,
            Objective = document.Objective.Value,
            Points = document.Input.Rows,
            Starts = document.Starts,
            StartsAtBest = document.StartsAtBest,
            Iterations = document.Iterations,
            Diagnostics = document.Diagnostics.Select(d => new Diagnostic(
                Enum.TryParse<DiagnosticSeverity>(d.Severity, ignoreCase: true, out var severity) ? severity : DiagnosticSeverity.Info, d.Code, d.Message)).ToArray(),
        };
    }
}
