using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;
using ScaleLab.Uncertainty;

namespace ScaleLab.Fitting;

/// <summary>
/// A fitted law: the law, the fit (parameters, objective, status, diagnostics) and what it was fitted to — the one
/// model of a fit from the data file to the report. It is made by fitting (<see cref="Fit"/>) or read back from a fit
/// document (<see cref="Serialization.FitDocument.ToFittedLaw"/>); <see cref="Analyse"/> adds its uncertainty and
/// diagnostics, <see cref="Predict"/> evaluates it at new scales. The CLI, the plots, the report and the planners
/// all take this type.
/// </summary>
public sealed class FittedLaw
{
    /// <summary>
    /// A fitted law from its parts. <paramref name="observations"/> are the runs fitted when they are in memory
    /// (needed by <see cref="Analyse"/>); <paramref name="parameters"/> are the published values when they are known
    /// exactly (a document's), else those of <paramref name="result"/>.
    /// </summary>
    public FittedLaw(FitResult result, FittedData data, ObservationSet? observations = null, IReadOnlyDictionary<string, double>? parameters = null)
        : this(result, data, observations, observations is null ? null : ScalingData.From(observations), parameters)
    {
    }

    private FittedLaw(FitResult result, FittedData data, ObservationSet? observations, ScalingData? points, IReadOnlyDictionary<string, double>? parameters)
    {
        Result = result;
        Data = data;
        Observations = observations;
        Points = points;
        Parameters = parameters ?? Ordered(result.Law, result.Parameters);
    }

    /// <summary>The law.</summary>
    public ScalingLaw Law => Result.Law;

    /// <summary>The fit: θ, objective, status, the multistart's agreement, options and diagnostics.</summary>
    public FitResult Result { get; }

    /// <summary>What the law was fitted to: source, metric, rows, ranges, what reading found.</summary>
    public FittedData Data { get; }

    /// <summary>The runs fitted, when they are in memory (null for a fit read from a document).</summary>
    public ObservationSet? Observations { get; }

    /// <summary>The runs fitted as the law evaluates them, when in memory.</summary>
    public ScalingData? Points { get; }

    /// <summary>Published parameter values by name, in the law's order.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Converged, not converged or failed.</summary>
    public FitStatus Status => Result.Status;

    /// <summary>
    /// Fits <paramref name="law"/> to <paramref name="data"/>. A metric the objective cannot take (≤ 0 for log residuals,
    /// ≤ −1 for log1p residuals) is bad input: an <see cref="InputDataException"/> naming the file, row and column.
    /// </summary>
    public static FittedLaw Fit(ScalingLaw law, ObservationSet data, FitOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new FitOptions();
        CheckMetricFloor(data, options.Objective);
        var points = ScalingData.From(data);
        var result = Fitter.Fit(new FitProblem(law, points, options), progress, cancellationToken);
        return new FittedLaw(result, FittedData.Of(data), data, points, null);
    }

    /// <summary>
    /// The post-fit analysis: identifiability and data-coverage checks always, and what <paramref name="options"/> ask
    /// for (bootstrap, profiles, likelihood-ratio test, derived quantities at a budget). Needs the runs in memory.
    /// </summary>
    /// <exception cref="ArgumentException">Options the law or the data cannot take.</exception>
    public FitAnalysis Analyse(AnalysisOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        FitAnalyser.Run(this, options ?? new AnalysisOptions(), progress, cancellationToken);

    /// <summary>
    /// The law's prediction at every point, with a warning for every point where a variable the law reads lies
    /// more than ten times beyond the fitted range. With an <paramref name="analysis"/> that holds a bootstrap, each
    /// prediction also has a confidence interval for the mean and a predictive interval for one new run (parameter
    /// uncertainty and the fit's run-to-run scatter), at <paramref name="level"/> (default: the analysis' level).
    /// </summary>
    public PredictionSet Predict(IReadOnlyList<Observation> points, FitAnalysis? analysis = null, double? level = null)
    {
        var at = ScalingData.From(points);
        var values = Law.Predict(Result.Theta, at);
        double lv = level ?? analysis?.Options.Level ?? AnalysisOptions.DefaultLevel;
        var bootstrap = analysis?.Bootstrap is { Samples.Count: > 1 } b ? b : null;
        var predictions = new Prediction[points.Count];
        for (int i = 0; i < predictions.Length; i++)
        {
            Interval? mean = null, newRun = null;
            if (bootstrap is not null)
            {
                var point = at.Select([i]);
                mean = bootstrap.MeanInterval(point, lv);
                if (bootstrap.LogResiduals.Count > 0) newRun = bootstrap.PredictiveInterval(point, lv);
            }
            predictions[i] = new Prediction { Point = points[i], Value = values[i], Mean = mean, NewRun = newRun };
        }
        return new PredictionSet { Points = predictions, Level = bootstrap is null ? null : lv, Diagnostics = Extrapolation(points, 10) };
    }

    /// <summary>
    /// A warning for every point where a variable the law reads lies more than <paramref name="factor"/> times above the
    /// largest or below the smallest value fitted: scaling laws are fitted to extrapolate, but how far they can be
    /// trusted shrinks with the distance.
    /// </summary>
    private IReadOnlyList<Diagnostic> Extrapolation(IReadOnlyList<Observation> points, double factor)
    {
        var result = new List<Diagnostic>();
        for (int i = 0; i < points.Count; i++)
        {
            foreach (var variable in Law.Variables)
            {
                if (Data.RangeOf(variable) is not { } range) continue;
                double x = points[i].Get(variable);
                var what = ScalingData.Describe(variable);
                if (x > factor * range.Max)
                {
                    result.Add(Diagnostic.Warning("extrapolation",
                        $"point {i + 1}: {what} = {Quantity.Format(x)} is {Quantity.Format(x / range.Max)} times the largest fitted ({Quantity.Format(range.Max)})"));
                }
                else if (x * factor < range.Min)
                {
                    result.Add(Diagnostic.Warning("extrapolation",
                        $"point {i + 1}: {what} = {Quantity.Format(x)} is {Quantity.Format(range.Min / x)} times below the smallest fitted ({Quantity.Format(range.Min)})"));
                }
            }
        }
        return result;
    }

    // Log residuals need y > 0 and log1p residuals y > −1; linear residuals take any finite metric.
    private static void CheckMetricFloor(ObservationSet data, FitObjective objective)
    {
        double floor = objective.Space == ResidualSpace.Log ? 0 : objective.Space == ResidualSpace.Log1p ? -1 : double.NegativeInfinity;
        foreach (var o in data.Observations)
        {
            if (!(o.Metric <= floor)) continue;
            throw new InputDataException(data.Source, o.Row, data.MetricName,
                $"{Quantity.Format(o.Metric)} is not above {Quantity.Format(floor)}, but the {objective.Name} objective takes the log of {(floor == 0 ? "the metric" : "1 + the metric")}; use a -linear objective for such metrics");
        }
    }

    private static Dictionary<string, double> Ordered(ScalingLaw law, IReadOnlyDictionary<string, double> parameters)
    {
        var ordered = new Dictionary<string, double>(law.Parameters.Count, StringComparer.Ordinal);
        foreach (var p in law.Parameters) ordered[p.Name] = parameters[p.Name];
        return ordered;
    }
}
