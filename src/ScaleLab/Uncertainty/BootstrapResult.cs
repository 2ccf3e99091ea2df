using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Bootstrap replicates of a fit: θ of every resample that refitted successfully (internal
/// coordinates, in resample order), which resamples failed, and the jackknife refits BCa needs.
/// Intervals for parameters, derived quantities and predictions are computed from these on demand.
/// </summary>
public sealed class BootstrapResult
{
    internal BootstrapResult(ScalingLaw law, double[] estimate, double[][] samples, int[] failedResamples, double[][]? jackknife,
        int jackknifeFailed, double[] logResiduals, BootstrapOptions options, int clusterCount, IReadOnlyList<Diagnostic> diagnostics)
    {
        Law = law;
        Estimate = estimate;
        Samples = samples;
        FailedResamples = failedResamples;
        Jackknife = jackknife;
        JackknifeFailed = jackknifeFailed;
        LogResiduals = logResiduals;
        Options = options;
        ClusterCount = clusterCount;
        Diagnostics = diagnostics;
    }

    /// <summary>The law.</summary>
    public ScalingLaw Law { get; }

    /// <summary>The full-data optimum θ̂ (internal coordinates).</summary>
    public double[] Estimate { get; }

    /// <summary>θ of each successful resample (internal coordinates).</summary>
    public IReadOnlyList<double[]> Samples { get; }

    /// <summary>Indices of resamples whose refit failed or did not converge; they are excluded from intervals and reported.</summary>
    public IReadOnlyList<int> FailedResamples { get; }

    /// <summary>Number of failed resamples.</summary>
    public int Failed => FailedResamples.Count;

    /// <summary>Resamples requested.</summary>
    public int Resamples => Options.Resamples;

    /// <summary>The seed.</summary>
    public ulong Seed => Options.Seed;

    /// <summary>The clustering column, or null for row resampling.</summary>
    public string? ClusterBy => Options.ClusterBy;

    /// <summary>Units resampled: clusters, or rows.</summary>
    public int ClusterCount { get; }

    /// <summary>Leave-one-out θ (null when not computed); failed jackknife refits are left out.</summary>
    public IReadOnlyList<double[]>? Jackknife { get; }

    /// <summary>Jackknife refits that failed.</summary>
    public int JackknifeFailed { get; }

    /// <summary>Log residuals ln ŷ − ln y of the full fit, used for predictive intervals.</summary>
    public IReadOnlyList<double> LogResiduals { get; }

    /// <summary>The options used.</summary>
    public BootstrapOptions Options { get; }

    /// <summary>Failures and other findings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Published values of every successful resample, one row per resample, columns in parameter order.</summary>
    public double[][] PublishedSamples() => Samples.Select(t => t.Select((v, j) => Law.Parameters[j].FromInternal(v)).ToArray()).ToArray();

    /// <summary>The statistic evaluated on every successful replicate.</summary>
    public double[] Replicates(Func<double[], double> statistic) => Samples.Select(statistic).ToArray();

    /// <summary>Interval for any statistic of θ, by <c>percentile</c> or <c>bca</c>.</summary>
    public Interval IntervalFor(Func<double[], double> statistic, double level, string method = "percentile")
    {
        var replicates = Replicates(statistic).Where(double.IsFinite).ToArray();
        if (replicates.Length == 0) return new Interval(double.NaN, double.NaN, level, method);
        if (method == "bca")
        {
            if (Jackknife is null) throw new InvalidOperationException("BCa intervals need the jackknife refits (BootstrapOptions.Jackknife)");
            var jack = Jackknife.Select(statistic).Where(double.IsFinite).ToArray();
            return BcaInterval.Compute(replicates, statistic(Estimate), jack, level);
        }
        if (method != "percentile") throw new ArgumentException($"unknown interval method '{method}' (use percentile or bca)");
        return PercentileInterval.Compute(replicates, level);
    }

    /// <summary>Intervals for every parameter (published units) and every given derived quantity, keyed by name.</summary>
    public IReadOnlyDictionary<string, Interval> Intervals(double level, string method = "percentile", IEnumerable<DerivedQuantity>? derived = null)
    {
        var result = new Dictionary<string, Interval>(StringComparer.Ordinal);
        for (int j = 0; j < Law.Parameters.Count; j++)
        {
            int jj = j;
            var p = Law.Parameters[j];
            result[p.Name] = IntervalFor(t => p.FromInternal(t[jj]), level, method);
        }
        foreach (var d in derived ?? []) result[d.Name] = IntervalFor(d.Evaluate, level, method);
        return result;
    }

    /// <summary>Confidence interval for the mean metric at a point (the law's prediction), from the replicates.</summary>
    public Interval MeanInterval(ScalingData point, double level) =>
        IntervalFor(t => Law.Predict(t, point)[0], level, "percentile");

    /// <summary>
    /// Predictive interval for the metric of one new run at a point: every replicate's prediction
    /// times exp of a full-fit log residual drawn with replacement (seeded), so both the parameter
    /// uncertainty and the run-to-run scatter are in it.
    /// </summary>
    public Interval PredictiveInterval(ScalingData point, double level) =>
        SampleIntervals.NewRun(b => Law.Predict(Samples[b], point)[0], Samples.Count, LogResiduals, Seed, level);
}
