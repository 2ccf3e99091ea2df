using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;
using ScaleLab.Numerics;

namespace ScaleLab.Comparison;

/// <summary>
/// Extrapolation backtest of several laws on the same data (Alabdulmohsin et
/// al. 2022; Caballero et al. 2022): fit every law on the smaller scales, score RMSLE and signed
/// log error on the held-out larger scales, and AIC/BIC on the fitted part. Laws are ranked by
/// held-out RMSLE — the form that extrapolates best, not the one that fits best in-sample.
/// </summary>
public sealed class LawComparison
{
    private LawComparison(string? group, Holdout holdout, int fitPoints, int heldOutPoints, IReadOnlyList<LawScore> scores)
    {
        Group = group;
        Holdout = holdout;
        FitPoints = fitPoints;
        HeldOutPoints = heldOutPoints;
        Scores = scores;
    }

    /// <summary>The group compared (a curve of a benchmark), or null for the whole data.</summary>
    public string? Group { get; }

    /// <summary>The holdout used.</summary>
    public Holdout Holdout { get; }

    /// <summary>Points fitted.</summary>
    public int FitPoints { get; }

    /// <summary>Points held out.</summary>
    public int HeldOutPoints { get; }

    /// <summary>One score per law, best first.</summary>
    public IReadOnlyList<LawScore> Scores { get; }

    /// <summary>Fits every law on the fitted part of <paramref name="observations"/> and scores it on the held-out part.</summary>
    public static LawComparison Run(IReadOnlyList<ScalingLaw> laws, IReadOnlyList<Observation> observations, Holdout holdout,
        FitOptions? options = null, string? group = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (laws.Count == 0) throw new ArgumentException("no law to compare");
        options ??= new FitOptions();
        var (fitIdx, heldIdx) = holdout.Split(observations);
        if (fitIdx.Length == 0) throw new ArgumentException($"{(group is null ? "" : $"group '{group}': ")}holdout '{holdout}' leaves no point to fit");
        var fitData = ScalingData.From(fitIdx.Select(i => observations[i]).ToArray());
        var heldData = heldIdx.Length > 0 ? ScalingData.From(heldIdx.Select(i => observations[i]).ToArray()) : null;
        var scores = new List<LawScore>();
        for (int l = 0; l < laws.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scores.Add(Score(laws[l], fitData, heldData, options, cancellationToken));
            progress?.Report((double)(l + 1) / laws.Count);
        }
        bool byHoldout = heldData is not null;
        var ranked = scores
            .OrderBy(s => byHoldout ? Key(s.Rmsle) : Key(s.Aic))
            .ThenBy(s => Key(s.Aic))
            .Select((s, i) => s with { Rank = i + 1 })
            .ToArray();
        return new LawComparison(group, holdout, fitIdx.Length, heldIdx.Length, ranked);
    }

    /// <summary>Runs one comparison per group (e.g. per learning curve), in the order the groups first appear.</summary>
    public static IReadOnlyList<LawComparison> RunGrouped(IReadOnlyList<ScalingLaw> laws, IReadOnlyList<Observation> observations, Holdout holdout,
        Func<Observation, string> groupOf, FitOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        RunGrouped(laws, [.. observations.GroupBy(groupOf, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<Observation>)g.ToArray()))],
            holdout, options, progress, cancellationToken);

    /// <summary>Runs one comparison per group of a grouped read (<see cref="ObservationSet.Groups"/>), in their order.</summary>
    public static IReadOnlyList<LawComparison> RunGrouped(IReadOnlyList<ScalingLaw> laws, IReadOnlyList<RowGroup> groups, Holdout holdout,
        FitOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        RunGrouped(laws, [.. groups.Select(g => (g.Name, g.Data.Observations))], holdout, options, progress, cancellationToken);

    private static IReadOnlyList<LawComparison> RunGrouped(IReadOnlyList<ScalingLaw> laws, (string Name, IReadOnlyList<Observation> Rows)[] groups, Holdout holdout,
        FitOptions? options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        options ??= new FitOptions();
        var results = new LawComparison[groups.Length];
        int done = 0;
        try
        {
            Parallel.For(0, groups.Length, new ParallelOptions { CancellationToken = cancellationToken }, g =>
            {
                results[g] = Run(laws, groups[g].Rows, holdout, options with { Parallelism = 1 }, groups[g].Name, null, cancellationToken);
                progress?.Report((double)Interlocked.Increment(ref done) / groups.Length);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is ArgumentException argument)
        {
            // Bad input in one group (a holdout that leaves it nothing to fit) is bad input of the whole comparison, not a crash.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(argument).Throw();
        }
        return results;
    }

    /// <summary>Per-law totals over many comparisons: wins, mean and median held-out RMSLE; best mean first.</summary>
    public static IReadOnlyList<LawSummary> Summarize(IReadOnlyList<LawComparison> comparisons)
    {
        var laws = comparisons.SelectMany(c => c.Scores.Select(s => s.Law)).Distinct().ToArray();
        return laws.Select(law =>
        {
            var errors = comparisons.Select(c => c.Scores.First(s => s.Law == law)).Where(s => double.IsFinite(s.Rmsle)).Select(s => s.Rmsle).Order().ToArray();
            int wins = comparisons.Count(c => c.Scores.Count > 0 && c.Scores[0].Law == law && double.IsFinite(c.Scores[0].Rmsle));
            double mean = errors.Length > 0 ? errors.Average() : double.NaN;
            double median = errors.Length > 0 ? Quantile.OfSorted(errors, 0.5) : double.NaN;
            return new LawSummary(law, errors.Length, wins, mean, median);
        }).OrderBy(s => Key(s.MeanRmsle)).ToArray();
    }

    private static LawScore Score(ScalingLaw law, ScalingData fitData, ScalingData? heldData, FitOptions options, CancellationToken cancellationToken)
    {
        var fit = Fitter.Fit(law, fitData, options, null, cancellationToken);
        int k = fit.FreeParameters.Count - options.Ties.Sum(t => t.Count - 1) + 1;
        int n = fitData.Count;
        double logLik = fit.Status == FitStatus.Failed ? double.NaN : ResidualLikelihood.MaxLogLikelihood(options.Objective, fit.Objective, n);
        var (fitRmsle, _, _) = LogErrors(law, fit, fitData);
        var (rmsle, se, signed) = heldData is null ? (double.NaN, double.NaN, double.NaN) : LogErrors(law, fit, heldData);
        return new LawScore
        {
            Law = law.Name, Status = fit.Status, Parameters = fit.Parameters, FreeParameters = k - 1, Objective = fit.Objective,
            LogLikelihood = logLik, Aic = 2 * k - 2 * logLik, Bic = k * Math.Log(n) - 2 * logLik, FitRmsle = fitRmsle,
            Rmsle = rmsle, RmsleStandardError = se, SignedError = signed, Diagnostics = fit.Diagnostics,
        };
    }

    /// <summary>RMSLE, its standard error and the mean signed log error of a fit on some points.</summary>
    internal static (double Rmsle, double StandardError, double Signed) LogErrors(ScalingLaw law, FitResult fit, ScalingData data)
    {
        if (fit.Status == FitStatus.Failed) return (double.NaN, double.NaN, double.NaN);
        var logPrediction = new double[data.Count];
        law.EvaluateLog(fit.Theta, data, logPrediction, Span<double>.Empty);
        var squared = new double[data.Count];
        double signed = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double e = logPrediction[i] - data.LogY[i];
            squared[i] = e * e;
            signed += e;
        }
        double mean = squared.Average();
        double sd = squared.Length > 1 ? Math.Sqrt(squared.Sum(s => (s - mean) * (s - mean)) / squared.Length) : 0;
        return (Math.Sqrt(mean), Math.Sqrt(mean + sd / Math.Sqrt(squared.Length)) - Math.Sqrt(mean), signed / data.Count);
    }

    private static double Key(double v) => double.IsFinite(v) ? v : double.PositiveInfinity;
}
