using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Model;

/// <summary>What a fit leaves unexplained: residuals, and the bootstrap distribution of the exponents.</summary>
public static partial class ScalingPlots
{
    /// <summary>N, D and C where the data hold them (a learning curve in D alone has only D).</summary>
    public static IReadOnlyList<ScaleVariable> PlottedVariables(ObservationSet data) =>
        new[] { ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute }.Where(data.PresentVariables.Contains).ToArray();

    /// <summary>N, D and C where the data hold them, then the other variables <paramref name="fit"/>'s law reads (V, E, …).</summary>
    public static IReadOnlyList<ScaleVariable> PlottedVariables(ObservationSet data, FittedLaw? fit) =>
        PlottedVariables(data).Concat(fit?.Law.Variables.Where(v => !v.IsWellKnown && data.Has(v)) ?? []).Distinct().ToArray();

    /// <summary>The metric against <paramref name="x"/> with the fit: against N, D, C for a law of them, else against any variable (<see cref="MetricAgainst"/>).</summary>
    public static PlotSpec MetricAgainstEither(ScaleVariable x, ObservationSet data, FittedLaw? fit, FitAnalysis? analysis) =>
        NeedsMetricAgainst(x, fit) ? MetricAgainst(x, data, fit, analysis) : LossAgainst(x, data, fit, analysis);

    /// <summary>Log residuals ln(L / L̂) against N, D and C, those the data hold, and the law's other variables (one plot each).</summary>
    public static IReadOnlyList<PlotSpec> Residuals(ObservationSet data, FittedLaw fit) =>
        PlottedVariables(data, fit).Select(v => Residuals(data, fit, v)).ToArray();

    /// <summary>Log residuals ln(L / L̂) of every run against one variable.</summary>
    public static PlotSpec Residuals(ObservationSet data, FittedLaw fit, ScaleVariable variable)
    {
        var observed = ScalingData.From(data);
        var predicted = LawEvaluation.Predict(fit, observed);
        var r = new double[observed.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Math.Log(observed.Y[i] / predicted[i]);
        var xs = observed.Values(variable).ToArray();
        double rms = Math.Sqrt(r.Average(e => e * e));
        return new PlotSpec
        {
            Title = $"Residuals against {SymbolOf(variable)}",
            X = AxisOfAny(variable, All(xs.AsSpan(), v => v > 0)),
            Y = new PlotAxis($"ln({data.MetricName} / fit)", null, false),
            Series =
            [
                new PlotSeries { Label = "", Kind = SeriesKind.Line, X = [xs.Min(), xs.Max()], Y = [0, 0], Dashed = true },
                new PlotSeries { Label = "", Kind = SeriesKind.Points, X = xs, Y = r, Tone = 0.2 }, // no legend: one series says nothing a legend would add
            ],
            Caption = $"{r.Length} runs; RMS log residual {Quantity.Label(rms)}; a trend against {SymbolOf(variable)} means the law misses a dependence on it.",
        };
    }

    /// <summary>
    /// Histogram of the bootstrap samples of the exponents (the law's parameters that are not
    /// log-scaled: alpha, beta, …), overlaid, with each point estimate as a vertical line. Null
    /// when the analysis has too few samples.
    /// </summary>
    public static PlotSpec? ExponentDistribution(FittedLaw fit, FitAnalysis? analysis, int? bins = null)
    {
        var samples = analysis?.Bootstrap?.PublishedSamples() ?? [];
        if (samples.Length < LawEvaluation.MinimumSamples) return null;
        var exponents = Enumerable.Range(0, fit.Law.Parameters.Count)
            .Where(j => fit.Law.Parameters[j].Transform == Laws.ParameterTransform.Identity).ToArray();
        if (exponents.Length == 0) return null;
        var valid = samples.Where(s => s.Length == fit.Law.Parameters.Count).ToArray();
        var values = exponents.Select(j => valid.Select(s => s[j]).Where(double.IsFinite).ToArray()).ToArray();
        double lo = values.Min(v => v.Min()), hi = values.Max(v => v.Max());
        int k = bins ?? Math.Clamp((int)Math.Ceiling(2 * Math.Sqrt(valid.Length)), 10, 60);
        if (hi <= lo) hi = lo + 1e-9;
        double width = (hi - lo) / k;
        var series = new List<PlotSeries>();
        var spans = new List<PlotSpan>();
        for (int e = 0; e < exponents.Length; e++)
        {
            var counts = new double[k];
            foreach (var v in values[e]) counts[Math.Min((int)((v - lo) / width), k - 1)]++;
            var name = fit.Law.Parameters[exponents[e]].Name;
            var interval = analysis!.IntervalOf(name);
            string label = interval is null ? name : $"{name} {Pct(interval.Level)} [{Quantity.Format(interval.Lower, 4)}, {Quantity.Format(interval.Upper, 4)}]";
            series.Add(new PlotSeries
            {
                Label = label, Kind = SeriesKind.Bars, Width = width,
                Tone = exponents.Length == 1 ? 0.5 : (double)e / (exponents.Length - 1),
                X = Enumerable.Range(0, k).Select(i => lo + (i + 0.5) * width).ToArray(), Y = counts,
            });
            spans.Add(new PlotSpan(fit.Parameters[name], fit.Parameters[name], $"{name} = {Quantity.Format(fit.Parameters[name], 4)} (full data)", series[^1].Tone));
        }
        return new PlotSpec
        {
            Title = $"Bootstrap distribution of the exponents ({valid.Length} resamples)",
            X = new PlotAxis("exponent", null, false),
            Y = new PlotAxis("resamples", "count", false),
            Series = series,
            Spans = spans,
            Caption = "Each resample refits the law; vertical lines: the full-data estimates.",
        };
    }
}
