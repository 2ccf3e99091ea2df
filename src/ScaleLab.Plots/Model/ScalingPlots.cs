using ScaleLab.Data;

namespace ScaleLab.Plots.Model;

/// <summary>
/// Builds the plot data of a scaling study from observations and (optionally) a fit: loss against
/// N, D and C, IsoFLOP profiles, the compute-optimal frontier, residuals and the bootstrap
/// distribution of the exponents. Everything is in data units; nothing here draws.
/// </summary>
public static class ScalingPlots
{
    /// <summary>Points per fitted curve.</summary>
    public const int CurvePoints = 64;

    /// <summary>Most colour classes used for the third variable.</summary>
    public const int MaxTones = 6;

    /// <summary>Axis of a scale variable, with its unit.</summary>
    public static PlotAxis AxisOf(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => new PlotAxis("model size N", "parameters", true),
        _ when variable == ScaleVariable.Tokens => new PlotAxis("training data D", "tokens", true),
        _ when variable == ScaleVariable.Compute => new PlotAxis("training compute C", "FLOPs", true),
        _ when variable == ScaleVariable.UniqueTokens => new PlotAxis("unique data U", "tokens", true),
        _ => throw new ArgumentOutOfRangeException(nameof(variable)),
    };

    /// <summary>Symbol used in legends.</summary>
    public static string SymbolOf(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => "N",
        _ when variable == ScaleVariable.Tokens => "D",
        _ when variable == ScaleVariable.Compute => "C",
        _ => "U",
    };

    /// <summary>
    /// Loss against <paramref name="x"/> on log-log axes. Points are coloured by the other variable
    /// (D for N, N for D and C) in at most <see cref="MaxTones"/> log-spaced classes; for each class
    /// the fitted law is drawn at the class's typical value of that variable (geometric mean), with
    /// the bootstrap band when the fit has samples. Against C the law's compute-optimal loss L*(C)
    /// is drawn as well.
    /// </summary>
    public static PlotSpec LossAgainst(ScaleVariable x, ObservationSet data, FitView? fit = null)
    {
        if (x != ScaleVariable.Parameters && x != ScaleVariable.Tokens && x != ScaleVariable.Compute)
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
            string classLabel = $"{st} {NumberText.Short(lo)}–{NumberText.Short(hi)}";
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
            var grid = CurveGrid(x, xs, tone, typical);
            var y = LawEvaluation.Predict(fit, grid);
            string curveLabel = curvesDiffer ? $"fit at {st} = {NumberText.Short(typical)}" : $"fit {fit.Law.Name}";
            lines.Add(new PlotSeries { Label = curveLabel, Kind = SeriesKind.Line, X = xs, Y = y, Tone = curvesDiffer ? t : null });
            if (LawEvaluation.Band(fit, grid) is { } band)
            {
                bands.Add(new PlotSeries
                {
                    Label = bandLabelled ? "" : $"{Pct(fit.Level)} bootstrap band", Kind = SeriesKind.Band,
                    X = xs, Y = y, Low = band.Low, High = band.High, Tone = curvesDiffer ? t : null,
                });
                bandLabelled = true;
            }
        }
        if (fit is not null && x == ScaleVariable.Compute && HasParametersAndTokens(fit))
        {
            var cs = LawEvaluation.LogSpace(rows.Min(o => o.Compute.Value), rows.Max(o => o.Compute.Value), CurvePoints);
            var (_, _, loss) = Frontier(fit, fit.Theta, cs);
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
    public static PlotSpec IsoFlop(ObservationSet data) => IsoFlop(data.MetricName, IsoFlopProfile.Find(data.Observations));

    /// <summary>IsoFLOP plot of profiles already found.</summary>
    public static PlotSpec IsoFlop(string metricName, IReadOnlyList<IsoFlopProfile> profiles)
    {
        var series = new List<PlotSeries>();
        var optimaX = new List<double>();
        var optimaY = new List<double>();
        for (int k = 0; k < profiles.Count; k++)
        {
            var p = profiles[k];
            double t = profiles.Count == 1 ? 0.5 : (double)k / (profiles.Count - 1);
            // A legend of dozens of budgets hides the plot: label about eight of them (first and last included).
            int every = (int)Math.Ceiling(profiles.Count / 8.0);
            bool labelled = k % every == 0 || k == profiles.Count - 1;
            series.Add(new PlotSeries { Label = labelled ? $"C = {NumberText.Short(p.Budget)}" : "", Kind = SeriesKind.Points, Tone = t, X = p.Parameters, Y = p.Loss });
            var xs = LawEvaluation.LogSpace(p.Parameters[0], p.Parameters[^1], CurvePoints);
            series.Add(new PlotSeries { Label = "", Kind = SeriesKind.Line, Tone = t, X = xs, Y = xs.Select(p.Evaluate).ToArray() });
            if (p.OptimumInside)
            {
                optimaX.Add(p.OptimalParameters!.Value);
                optimaY.Add(p.Evaluate(p.OptimalParameters.Value));
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
            Caption = profiles.Count == 0
                ? "No compute budget has runs at three or more model sizes: no IsoFLOP profile."
                : $"{profiles.Count} budgets; parabolas in ln N fitted per budget (Hoffmann et al. 2022 approach 2); black: minima inside the sampled sizes.",
        };
    }

    /// <summary>
    /// Compute-optimal frontier N*(C) and D*(C) of the fitted law: solid over the data's compute
    /// range (shaded), dashed beyond it up to <paramref name="targetCompute"/> (default: 100× the
    /// largest budget), with bootstrap bands and the IsoFLOP minima of the data when there are any.
    /// </summary>
    public static PlotSpec ComputeOptimalFrontier(ObservationSet data, FitView fit, double? targetCompute = null)
    {
        if (!HasParametersAndTokens(fit)) throw new ArgumentException($"law '{fit.Law.Name}' does not depend on both N and D: no compute-optimal frontier");
        double cmin = data.Observations.Min(o => o.Compute.Value), cmax = data.Observations.Max(o => o.Compute.Value);
        double target = targetCompute ?? 100 * cmax;
        var series = new List<PlotSeries>();
        var inside = LawEvaluation.LogSpace(cmin, cmax, CurvePoints);
        var theta = fit.Theta;
        var (nIn, dIn, _) = Frontier(fit, theta, inside);
        PlotSeries[]? outsideLines = null;
        double[]? outside = null;
        if (target > cmax)
        {
            outside = LawEvaluation.LogSpace(cmax, target, CurvePoints / 2);
            var (nOut, dOut, _) = Frontier(fit, theta, outside);
            outsideLines =
            [
                new PlotSeries { Label = "extrapolation", Kind = SeriesKind.Line, X = outside, Y = nOut, Tone = 0.0, Dashed = true },
                new PlotSeries { Label = "", Kind = SeriesKind.Line, X = outside, Y = dOut, Tone = 1.0, Dashed = true },
            ];
        }
        var all = outside is null ? inside : [.. inside, .. outside.Skip(1)];
        var bands = FrontierBands(fit, all);
        if (bands is { } b)
        {
            series.Add(new PlotSeries { Label = $"{Pct(fit.Level)} bootstrap band", Kind = SeriesKind.Band, X = all, Y = b.N.Mid, Low = b.N.Low, High = b.N.High, Tone = 0.0 });
            series.Add(new PlotSeries { Label = "", Kind = SeriesKind.Band, X = all, Y = b.D.Mid, Low = b.D.Low, High = b.D.High, Tone = 1.0 });
        }
        series.Add(new PlotSeries { Label = "N*(C) parameters", Kind = SeriesKind.Line, X = inside, Y = nIn, Tone = 0.0 });
        series.Add(new PlotSeries { Label = "D*(C) tokens", Kind = SeriesKind.Line, X = inside, Y = dIn, Tone = 1.0 });
        if (outsideLines is not null) series.AddRange(outsideLines);
        var profiles = IsoFlopProfile.Find(data.Observations).Where(p => p.OptimumInside).ToArray();
        if (profiles.Length > 0)
        {
            series.Add(new PlotSeries
            {
                Label = "IsoFLOP minima N*", Kind = SeriesKind.Points, Tone = 0.0,
                X = profiles.Select(p => p.Budget).ToArray(), Y = profiles.Select(p => p.OptimalParameters!.Value).ToArray(),
            });
            series.Add(new PlotSeries
            {
                Label = "IsoFLOP minima D*", Kind = SeriesKind.Points, Tone = 1.0,
                X = profiles.Select(p => p.Budget).ToArray(), Y = profiles.Select(p => p.Budget / (6 * p.OptimalParameters!.Value)).ToArray(),
            });
        }
        var spans = new List<PlotSpan> { new(cmin, cmax, "fitted data range") };
        if (target > cmax) spans.Add(new PlotSpan(target, target, $"target C = {NumberText.Short(target)}"));
        return new PlotSpec
        {
            Title = $"Compute-optimal allocation ({fit.Law.Name})",
            X = AxisOf(ScaleVariable.Compute),
            Y = new PlotAxis("optimal N* and D*", "parameters, tokens", true),
            Series = series,
            Spans = spans,
            Caption = $"argmin over N of L(N, C/6N); solid over the data ({NumberText.Short(cmin)}–{NumberText.Short(cmax)} FLOPs), dashed: extrapolation"
                + (target > cmax ? $" to {NumberText.Short(target)} FLOPs ({NumberText.Short(target / cmax)}× the largest budget)." : "."),
        };
    }

    /// <summary>N, D and C where the data hold them (a learning curve in D alone has only D).</summary>
    public static IReadOnlyList<ScaleVariable> PlottedVariables(ObservationSet data) =>
        new[] { ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute }.Where(data.PresentVariables.Contains).ToArray();

    /// <summary>Log residuals ln(L / L̂) against N, D and C, those the data hold (one plot each).</summary>
    public static IReadOnlyList<PlotSpec> Residuals(ObservationSet data, FitView fit) =>
        PlottedVariables(data).Select(v => Residuals(data, fit, v)).ToArray();

    /// <summary>Log residuals ln(L / L̂) of every run against one variable.</summary>
    public static PlotSpec Residuals(ObservationSet data, FitView fit, ScaleVariable variable)
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
            X = AxisOf(variable),
            Y = new PlotAxis($"ln({data.MetricName} / fit)", null, false),
            Series =
            [
                new PlotSeries { Label = "", Kind = SeriesKind.Line, X = [xs.Min(), xs.Max()], Y = [0, 0], Dashed = true },
                new PlotSeries { Label = "", Kind = SeriesKind.Points, X = xs, Y = r, Tone = 0.2 }, // no legend: one series says nothing a legend would add
            ],
            Caption = $"{r.Length} runs; RMS log residual {NumberText.Short(rms)}; a trend against {SymbolOf(variable)} means the law misses a dependence on it.",
        };
    }

    /// <summary>
    /// Histogram of the bootstrap samples of the exponents (the law's parameters that are not
    /// log-scaled: alpha, beta, …), overlaid, with each point estimate as a vertical line. Null
    /// when the fit has too few samples.
    /// </summary>
    public static PlotSpec? ExponentDistribution(FitView fit, int? bins = null)
    {
        if (fit.Samples.Count < Percentiles.MinimumSamples) return null;
        var exponents = Enumerable.Range(0, fit.Law.Parameters.Count)
            .Where(j => fit.Law.Parameters[j].Transform == Laws.ParameterTransform.Identity).ToArray();
        if (exponents.Length == 0) return null;
        var valid = fit.Samples.Where(s => s.Length == fit.Law.Parameters.Count).ToArray();
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
            var interval = fit.IntervalOf(name);
            string label = interval is null ? name : $"{name} {Pct(interval.Level)} [{interval.Lower:0.####}, {interval.Upper:0.####}]";
            series.Add(new PlotSeries
            {
                Label = label, Kind = SeriesKind.Bars, Width = width,
                Tone = exponents.Length == 1 ? 0.5 : (double)e / (exponents.Length - 1),
                X = Enumerable.Range(0, k).Select(i => lo + (i + 0.5) * width).ToArray(), Y = counts,
            });
            spans.Add(new PlotSpan(fit.Parameters[name], fit.Parameters[name], $"{name} = {fit.Parameters[name]:0.####} (full data)", series[^1].Tone));
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

    /// <summary>N*(C), D*(C) and L*(C) of the law at θ.</summary>
    internal static (double[] N, double[] D, double[] Loss) Frontier(FitView fit, double[] theta, double[] compute)
    {
        var n = ComputeOptimum.Parameters(fit.Law, theta, compute);
        var d = new double[n.Length];
        for (int i = 0; i < n.Length; i++) d[i] = compute[i] / (6 * n[i]);
        var loss = new double[n.Length];
        var ok = Enumerable.Range(0, n.Length).Where(i => double.IsFinite(n[i])).ToArray();
        var predicted = fit.Law.Predict(theta, LawEvaluation.Grid(ok.Select(i => n[i]).ToArray(), ok.Select(i => d[i]).ToArray()));
        Array.Fill(loss, double.NaN);
        for (int k = 0; k < ok.Length; k++) loss[ok[k]] = predicted[k];
        return (n, d, loss);
    }

    private static ((double[] Mid, double[] Low, double[] High) N, (double[] Mid, double[] Low, double[] High) D)? FrontierBands(FitView fit, double[] compute)
    {
        var thetas = fit.SampleThetas();
        if (thetas.Count < Percentiles.MinimumSamples) return null;
        var ns = thetas.Select(t => ComputeOptimum.Parameters(fit.Law, t, compute)).ToArray();
        var mid = Frontier(fit, fit.Theta, compute);
        var nLow = new double[compute.Length];
        var nHigh = new double[compute.Length];
        var dLow = new double[compute.Length];
        var dHigh = new double[compute.Length];
        for (int i = 0; i < compute.Length; i++)
        {
            var column = ns.Select(n => n[i]).Where(double.IsFinite).ToArray();
            if (column.Length < Percentiles.MinimumSamples) { nLow[i] = nHigh[i] = dLow[i] = dHigh[i] = double.NaN; continue; }
            (nLow[i], nHigh[i]) = Percentiles.Central(column, fit.Level);
            // D* = C/(6 N*) is decreasing in N*, so its interval is the image of N*'s with the ends swapped.
            dLow[i] = compute[i] / (6 * nHigh[i]);
            dHigh[i] = compute[i] / (6 * nLow[i]);
        }
        return ((mid.N, nLow, nHigh), (mid.D, dLow, dHigh));
    }

    private static bool HasParametersAndTokens(FitView fit) =>
        fit.Law.Variables.Contains(ScaleVariable.Parameters) && fit.Law.Variables.Contains(ScaleVariable.Tokens);

    private static ScalingData CurveGrid(ScaleVariable x, double[] xs, ScaleVariable tone, double typical)
    {
        var n = new double[xs.Length];
        var d = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            (n[i], d[i]) = (x, tone) switch
            {
                _ when x == ScaleVariable.Parameters => (xs[i], typical),
                _ when x == ScaleVariable.Tokens => (typical, xs[i]),
                _ => (typical, xs[i] / (6 * typical)), // against C at fixed N: D = C / 6N
            };
        }
        return LawEvaluation.Grid(n, d);
    }

    private static string Pct(double level) => $"{Math.Round(100 * level).ToString(System.Globalization.CultureInfo.InvariantCulture)} %";

    private static ToneClasses ToneClasses(double[] values) => Model.ToneClasses.Of(values, MaxTones);
}
