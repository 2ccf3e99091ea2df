using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Model;

/// <summary>The metric against any variable a law reads (vocabulary V, experts E, a learning rate …), not only N, D and C.</summary>
public static partial class ScalingPlots
{
    /// <summary>
    /// The metric against <paramref name="x"/>, any variable the data hold. Points are coloured by the first other
    /// variable of the law (of the data without a fit) that takes more than one value, in at most <see cref="MaxTones"/>
    /// classes (log-spaced where it is positive); for each class the law is drawn at the class's typical value of it, with
    /// every further variable held at its median (the caption says which and where), and with the bootstrap band when
    /// the analysis has samples.
    /// </summary>
    public static PlotSpec MetricAgainst(ScaleVariable x, ObservationSet data, FittedLaw? fit = null, FitAnalysis? analysis = null)
    {
        if (!data.Has(x)) throw new ArgumentException($"{data.Source}: the data hold no {x.Symbol} to plot against");
        // A law that does not read x has no curve against it (its points are still coloured by the law's variables).
        var law = fit;
        if (fit is not null && !fit.Law.Variables.Contains(x)) fit = null;
        var rows = data.Observations;
        int n = rows.Count;
        var xs = data.Values(x).ToArray();
        var candidates = (law?.Law.Variables ?? data.PresentVariables).Where(v => v != x && data.Has(v)).ToArray();
        var tone = candidates.Cast<ScaleVariable?>().FirstOrDefault(v => data.Values(v!.Value).ToArray().Distinct().Count() > 1 && All(data.Values(v.Value), p => p > 0));
        var held = candidates.Where(v => v != tone).ToArray();
        var medians = held.ToDictionary(v => v, v => Median(data.Values(v).ToArray()));
        var toneValues = tone is { } t0 ? data.Values(t0).ToArray() : new double[n];
        var classes = tone is null ? null : ToneClasses(toneValues);
        int classCount = classes?.Count ?? 1;
        bool logX = All(xs.AsSpan(), v => v > 0);
        var bands = new List<PlotSeries>();
        var lines = new List<PlotSeries>();
        var points = new List<PlotSeries>();
        bool bandLabelled = false;
        for (int k = 0; k < classCount; k++)
        {
            var members = Enumerable.Range(0, n).Where(i => classes is null || classes.IndexOf(toneValues[i]) == k).ToArray();
            if (members.Length == 0) continue;
            double shade = classCount == 1 ? 0.5 : (double)k / (classCount - 1);
            string label = classes is null ? $"{n} runs" : ClassLabel(tone!.Value, classes, k);
            points.Add(new PlotSeries
            {
                Label = label, Kind = SeriesKind.Points, Tone = shade, X = members.Select(i => xs[i]).ToArray(), Y = members.Select(i => rows[i].Metric).ToArray(),
            });
            if (fit is null) continue;
            double lo = members.Min(i => xs[i]), hi = members.Max(i => xs[i]);
            var grid = logX ? LawEvaluation.LogSpace(lo / 1.25, hi * 1.25, CurvePoints) : Linear(lo, hi, CurvePoints);
            double typical = tone is null ? 0 : Math.Exp(members.Average(i => Math.Log(toneValues[i])));
            var columns = new List<KeyValuePair<ScaleVariable, double[]>> { new(x, grid) };
            if (tone is { } tv) columns.Add(new(tv, Enumerable.Repeat(typical, grid.Length).ToArray()));
            foreach (var (v, m) in medians) columns.Add(new(v, Enumerable.Repeat(m, grid.Length).ToArray()));
            var at = ScalingData.Create(columns, Enumerable.Repeat(1.0, grid.Length).ToArray());
            var y = LawEvaluation.Predict(fit, at);
            lines.Add(new PlotSeries
            {
                Label = tone is null ? $"fit {fit.Law.Name}" : $"fit at {tone.Value.Symbol} = {Quantity.Label(typical)}", Kind = SeriesKind.Line,
                X = grid, Y = y, Tone = tone is null ? null : shade,
            });
            if (LawEvaluation.Band(fit, analysis, at) is { } band)
            {
                bands.Add(new PlotSeries
                {
                    Label = bandLabelled ? "" : $"{Pct(LawEvaluation.Level(analysis))} bootstrap band", Kind = SeriesKind.Band,
                    X = grid, Y = y, Low = band.Low, High = band.High, Tone = tone is null ? null : shade,
                });
                bandLabelled = true;
            }
        }
        var heldText = medians.Count == 0 ? "" : $" {string.Join(", ", medians.Select(m => $"{m.Key.Symbol} = {Quantity.Label(m.Value)}"))} held at the median.";
        string caption = fit is null
            ? $"{n} runs{(tone is null ? "" : $" coloured by {tone.Value.Symbol}")}; {(law is null ? "no fit given" : $"the {law.Law.Name} fit does not read {x.Symbol}")}."
            : $"{n} runs{(tone is null ? "" : $" coloured by {tone.Value.Symbol}; lines: {fit.Law.Name} at each colour's typical {tone.Value.Symbol}")}.{heldText}";
        if (fit is not null && bands.Count == 0) caption += " No bootstrap samples: no band.";
        return new PlotSpec
        {
            Title = $"{data.MetricName} against {x.Symbol}",
            X = AxisOfAny(x, logX),
            Y = new PlotAxis(data.MetricName, null, AllOf(rows.Select(o => o.Metric), v => v > 0)),
            Series = [.. bands, .. lines, .. points],
            ToneLabel = tone is { } tl ? AxisOfAny(tl, true).Title : null,
            Caption = caption,
        };
    }

    /// <summary>True when <paramref name="x"/> is plotted by <see cref="MetricAgainst"/>: a named variable, or a law that reads one.</summary>
    public static bool NeedsMetricAgainst(ScaleVariable x, FittedLaw? fit) => !x.IsWellKnown || x == ScaleVariable.UniqueTokens || (fit?.Law.Variables.Any(v => !v.IsWellKnown) ?? false);

    private static PlotAxis AxisOfAny(ScaleVariable variable, bool log) =>
        variable.IsWellKnown ? AxisOf(variable) with { Log = log } : new PlotAxis(variable.Symbol, null, log);

    private static string ClassLabel(ScaleVariable tone, ToneClasses classes, int k)
    {
        var (lo, hi) = classes.Edges(k);
        return $"{tone.Symbol} {Quantity.Label(lo)}–{Quantity.Label(hi)}";
    }

    private static double[] Linear(double lo, double hi, int count)
    {
        double pad = 0.05 * (hi - lo);
        var result = new double[count];
        for (int i = 0; i < count; i++) result[i] = lo - pad + (hi - lo + 2 * pad) * i / (count - 1);
        return result;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    private static bool All(ReadOnlySpan<double> values, Func<double, bool> test)
    {
        foreach (var v in values) if (!test(v)) return false;
        return true;
    }

    private static bool AllOf(IEnumerable<double> values, Func<double, bool> test) => values.All(test);
}
