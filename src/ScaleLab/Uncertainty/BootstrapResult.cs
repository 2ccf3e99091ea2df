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
        : this(law, estimate, samples, null, failedResamples.Length, failedResamples, jackknife, jackknifeFailed, logResiduals, options, clusterCount, diagnostics)
    {
    }

    private BootstrapResult(ScalingLaw law, double[] estimate, double[][] samples, double[][]? published, int failed, int[] failedResamples,
        double[][]? jackknife, int jackknifeFailed, double[] logResiduals, BootstrapOptions options, int clusterCount, IReadOnlyList<Diagnostic> diagnostics)
    {
        Law = law;
        Estimate = estimate;
        Samples = samples;
        _published = published;
        Failed = failed;
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

    /// <summary>
    /// Indices of resamples whose refit failed or did not converge; they are excluded from intervals and reported
    /// (empty for replicates read from a document that kept only their number).
    /// </summary>
    public IReadOnlyList<int> FailedResamples { get; }

    /// <summary>Number of failed resamples.</summary>
    public int Failed { get; }

    private readonly double[][]? _published;

    /// <summary>
    /// Replicates read back from their published values (a fit document's bootstrap samples, in the law's parameter
    /// order); <see cref="PublishedSamples"/> gives those values back exactly.
    /// </summary>
    internal static BootstrapResult FromPublished(ScalingLaw law, double[] estimate, double[][] published, int failed, int[] failedResamples,
        double[] logResiduals, BootstrapOptions options, int clusterCount)
    {
        var samples = new double[published.Length][];
        for (int b = 0; b < samples.Length; b++)
        {
            samples[b] = new double[law.Parameters.Count];
            for (int j = 0; j < samples[b].Length; j++) samples[b][j] = law.Parameters[j].ToInternal(published[b][j]);
        }
        return new BootstrapResult(law, estimate, samples, published, failed, failedResamples, null, 0, logResiduals, options, clusterCount, []);
    }

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
    public double[][] PublishedSamples() =>
        _published?.Select(s => (double[])s.Clone()).ToArray() ?? Samples.Select(t => t.Select((v, j) => Law.Parameters[j].FromInternal(v)).ToArray()).ToArray();

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

    /// <summary>Confidence interval for the mean metric at a point (the law's prediction), from the replicates (method <c>bootstrap-mean</c>).</summary>
    public Interval MeanInterval(ScalingData point, double level) =>
        IntervalFor(t => Law.Predict(t, point)[0], level, "percentile") with { Method = "bootstrap-mean" };

    /// <summary>
    /// Predictive interval for the metric of one new run at a point (method <c>bootstrap-predictive</c>): every
    /// replicate's prediction times exp(−r) for a log residual r = ln ŷ − ln y of the full-data fit drawn with
    /// replacement from the stream (seed, −2), so both the parameter uncertainty and the run-to-run scatter are in it.
    /// </summary>
    public Interval PredictiveInterval(ScalingData point, double level)
    {
        if (LogResiduals.Count == 0) throw new InvalidOperationException("no residuals to draw from");
        var rng = SeededRandom.ForStream(Seed, -2);
        var values = new List<double>(Samples.Count);
        for (int b = 0; b < Samples.Count; b++)
        {
            // Residual r = ln ŷ − ln y, so a new observation is ln y = ln ŷ − r.
            double value = Law.Predict(Samples[b], point)[0] * Math.Exp(-LogResiduals[rng.NextInt(LogResiduals.Count)]);
            if (double.IsFinite(value)) values.Add(value);
        }
        return PercentileInterval.Compute([.. values], level) with { Method = "bootstrap-predictive" };
    }
}
