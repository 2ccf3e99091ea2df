using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Quantities;
using ScaleLab.Planning;

namespace ScaleLab.Plots.Model;

/// <summary>
/// Builds the plot data of a scaling study from observations and (optionally) a fitted law with its analysis:
/// loss against N, D and C, IsoFLOP profiles, the compute-optimal frontier, residuals and the bootstrap
/// distribution of the exponents. Everything is in data units; nothing here draws, and what is computed
/// (frontiers, plans, IsoFLOP budgets) comes from the planning code.
/// </summary>
public static partial class ScalingPlots
{
    /// <summary>Points per fitted curve.</summary>
    public const int CurvePoints = 64;

    /// <summary>Most colour classes used for the third variable.</summary>
    public const int MaxTones = 6;

    /// <summary>Axis of a scale variable, with its unit.</summary>
    public static PlotAxis AxisOf(ScaleVariable variable)
    {
        if (variable == ScaleVariable.Parameters) return new PlotAxis("model size N", "parameters", true);
        if (variable == ScaleVariable.Tokens) return new PlotAxis("training data D", "tokens", true);
        if (variable == ScaleVariable.Compute) return new PlotAxis("training compute C", "FLOPs", true);
        if (variable == ScaleVariable.UniqueTokens) return new PlotAxis("unique data U", "tokens", true);
        throw new ArgumentOutOfRangeException(nameof(variable), $"no axis for {variable}");
    }

    /// <summary>Symbol used in legends.</summary>
    public static string SymbolOf(ScaleVariable variable) =>
        variable.Symbol;

    /// <summary>
    /// Loss against <paramref name="x"/> on log-log axes. Points are coloured by the other variable
    /// (D for N, N for D and C) in at most <see cref="MaxTones"/> log-spaced classes; for each class
    /// the fitted law is drawn at the class's typical value of that variable (geometric mean), with
    /// the bootstrap band when the analysis has samples. Against C the law's compute-optimal loss L*(C)
    /// is drawn as well.
    /// </summary>
    public static PlotSpec LossAgainst(ScaleVariable x, ObservationSet data, FittedLaw? fit = null, FitAnalysis? analysis = null)
    {
        if (!(x == ScaleVariable.Parameters || x == ScaleVariable.Tokens || x == ScaleVariable.Compute))
            throw new ArgumentOutOfRangeException(nameof(x), "loss is plotted against N, D or C");
        var tone = x == ScaleVariable.Parameters ? ScaleVariable.Tokens : ScaleVariable.Parameters;
        var rows = data.Observations;
        double Tone(Observation o) => o.Find(tone) ?? 1; // a learning curve in one variable: one class
        var classes = ToneClasses(rows.Select(Tone).ToArray());
        var bands = new List<PlotSeries>();
        var lines = new List<PlotSeries>();
        var points = new List<PlotSeries>();
        string sx = SymbolOf(x), st = SymbolOf(tone);
        bool curvesDiffer = fit is not null && fit.Law.Variables.Any(v => v != x);
        bool bandLabelled = false;
        for (int k = 0; k < classes.Count; k++)
        {
            var members = rows.Where(o => classes.IndexOf(Tone(o)) == k).ToArray();
            if (members.Length == 0) continue;
            double t = classes.Count == 1 ? 0.5 : (double)k / (classes.Count - 1);
            var (lo, hi) = classes.Edges(k);
            string classLabel = $"{st} {Quantity.Label(lo)}–{Quantity.Label(hi)}";
            points.Add(new PlotSeries
            {
                Label = classLabel, Kind = SeriesKind.Points, Tone = t,
                X = members.Select(o => o.Get(x)).ToArray(), Y = members.Select(o => o.Metric).ToArray(),
            });
            if (fit is null || (!curvesDiffer && k > 0)) continue;
            double typical = Math.Exp(members.Average(o => Math.Log(Tone(o))));
            double xmin = members.Min(o => o.Get(x)), xmax = members.Max(o => o.Get(x));
            if (!curvesDiffer) { xmin = rows.Min(o => o.Get(x)); xmax = rows.Max(o => o.Get(x)); }
            var xs = LawEvaluation.LogSpace(xmin / 1.25, xmax * 1.25, CurvePoints);
            var grid = CurveGrid(x, xs, typical);
            var y = LawEvaluation.Predict(fit, grid);
            string curveLabel = curvesDiffer ? $"fit at {st} = {Quantity.Label(typical)}" : $"fit {fit.Law.Name}";
            lines.Add(new PlotSeries { Label = curveLabel, Kind = SeriesKind.Line, X = xs, Y = y, Tone = curvesDiffer ? t : null });
            if (LawEvaluation.Band(fit, analysis, grid) is { } band)
            {
                bands.Add(new PlotSeries
                {
                    Label = bandLabelled ? "" : $"{Pct(LawEvaluation.Level(analysis))} bootstrap band", Kind = SeriesKind.Band,
                    X = xs, Y = y, Low = band.Low, High = band.High, Tone = curvesDiffer ? t : null,
                });
                bandLabelled = true;
            }
        }
        if (fit is not null && x == ScaleVariable.Compute && HasParametersAndTokens(fit))
        {
            var cs = LawEvaluation.LogSpace(rows.Min(o => o.Compute.Value), rows.Max(o => o.Compute.Value), CurvePoints);
            var (_, _, loss) = Frontier(PlanningOf(fit), cs);
            lines.Add(new PlotSeries { Label = "compute-optimal L*(C)", Kind = SeriesKind.Line, X = cs, Y = loss, Dashed = true });
        }
        string caption = fit is null
            ? $"{rows.Count} runs; no fit given."
            : curvesDiffer
                ? $"{rows.Count} runs coloured by {st}; lines: {fit.Law.Name} fit at each colour's typical {st}."
                : $"{rows.Count} runs; line: {fit.Law.Name} fit.";
        if (fit is not null && bands.Count == 0) caption += " No bootstrap samples: no band.";
        return new PlotSpec
        {
            Title = $"{data.MetricName} against {sx}",
            X = AxisOf(x),
            Y = new PlotAxis(data.MetricName, null, true),
            Series = [.. bands, .. lines, .. points],
            ToneLabel = AxisOf(tone).Title,
            Caption = caption,
        };
    }

    /// <summary>
    /// IsoFLOP profiles: loss against N per budget (log N, linear loss), each budget's parabola in
    /// ln N and its minimum. Empty series when the data hold no budget with three sizes.
    /// </summary>
    public static PlotSpec IsoFlop(ObservationSet data) => IsoFlop(data.MetricName, IsoFlopAnalysis.Analyse(data.Observations).Budgets);

    /// <summary>IsoFLOP plot of the budgets of an approach-2 analysis (those with fewer than three sizes have no parabola and are left out).</summary>
    public static PlotSpec IsoFlop(string metricName, IReadOnlyList<IsoFlopBudget> budgets)
    {
        var profiles = budgets.Where(b => b.HasParabola).ToArray();
        var series = new List<PlotSeries>();
        var optimaX = new List<double>();
        var optimaY = new List<double>();
        for (int k = 0; k < profiles.Length; k++)
        {
            var p = profiles[k];
            double t = profiles.Length == 1 ? 0.5 : (double)k / (profiles.Length - 1);
            // A legend of dozens of budgets hides the plot: label about eight of them (first and last included).
            int every = (int)Math.Ceiling(profiles.Length / 8.0);
            bool labelled = k % every == 0 || k == profiles.Length - 1;
            series.Add(new PlotSeries { Label = labelled ? $"C = {Quantity.Label(p.Compute)}" : "", Kind = SeriesKind.Points, Tone = t, X = p.SampledParameters, Y = p.Losses });
            var xs = LawEvaluation.LogSpace(p.SampledParameters[0], p.SampledParameters[^1], CurvePoints);
            series.Add(new PlotSeries { Label = "", Kind = SeriesKind.Line, Tone = t, X = xs, Y = xs.Select(p.Evaluate).ToArray() });
            if (p.OptimumInside)
            {
                optimaX.Add(p.OptimalParameters);
                optimaY.Add(p.Evaluate(p.OptimalParameters));
            }
        }
        if (optimaX.Count > 0) series.Add(new PlotSeries { Label = "parabola minimum N*(C)", Kind = SeriesKind.Points, X = [.. optimaX], Y = [.. optimaY] });
        return new PlotSpec
        {
            Title = $"IsoFLOP profiles: {metricName} against N per budget",
            X = AxisOf(ScaleVariable.Parameters),
            Y = new PlotAxis(metricName, null, false),
            Series = series,
            ToneLabel = AxisOf(ScaleVariable.Compute).Title,
            Caption = profiles.Length == 0
                ? "No compute budget has runs at three or more model sizes: no IsoFLOP profile."
                : $"{profiles.Length} budgets; parabolas in ln N fitted per budget (Hoffmann et al. 2022 approach 2); black: minima inside the sampled sizes.",
        };
    }

    private static bool HasParametersAndTokens(FittedLaw fit) => fit.Law.AllocatesCompute;

    private static ScalingData CurveGrid(ScaleVariable x, double[] xs, double typical)
    {
        var n = new double[xs.Length];
        var d = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (x == ScaleVariable.Parameters) (n[i], d[i]) = (xs[i], typical);
            else if (x == ScaleVariable.Tokens) (n[i], d[i]) = (typical, xs[i]);
            else (n[i], d[i]) = (typical, xs[i] / (6 * typical)); // against C at fixed N: D = C / 6N
        }
        return LawEvaluation.Grid(n, d);
    }

    private static string Pct(double level) => $"{Math.Round(100 * level).ToString(System.Globalization.CultureInfo.InvariantCulture)} %";

    private static ToneClasses ToneClasses(double[] values) => Model.ToneClasses.Of(values, MaxTones);
}
