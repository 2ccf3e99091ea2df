using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Reports;

/// <summary>
/// A self-contained HTML report: one file, plots as inline SVG, CSS inline, no script, no external
/// reference (it opens offline and prints: a print stylesheet keeps figures and tables whole).
/// Numbers are culture-invariant.
/// </summary>
public static partial class HtmlReport
{
    private const int PlotWidth = 960;
    private const int PlotHeight = 560;

    // Half-width figures are drawn smaller so their text keeps a readable size when scaled to half the page.
    private const int HalfWidth = 680;
    private const int HalfHeight = 460;

    /// <summary>Writes the report of <paramref name="data"/> and one fit to <paramref name="path"/> (UTF-8).</summary>
    public static void Write(string path, ObservationSet data, FitResult fit) =>
        Write(path, new ReportContent { Data = data, Fits = [FitView.From(fit)] });

    /// <summary>Writes the report of <paramref name="data"/> and one saved fit (its bootstrap, when it has one, gives intervals and bands).</summary>
    public static void Write(string path, ObservationSet data, Serialization.FitDocument fit) =>
        Write(path, new ReportContent { Data = data, Fits = [FitView.From(fit)] });

    /// <summary>
    /// Writes the report to <paramref name="path"/> (UTF-8) atomically: to a temporary file in the same
    /// folder, then moved over <paramref name="path"/>, so a crash never leaves half a report.
    /// </summary>
    public static void Write(string path, ReportContent content, CancellationToken cancellationToken = default)
    {
        var html = Render(content, cancellationToken);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, html, new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The report as an HTML document.</summary>
    public static string Render(ReportContent content, CancellationToken cancellationToken = default)
    {
        var data = content.Data;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>{E(content.Title)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        html.Append($"<h1>{E(content.Title)}</h1>\n");
        if (content.Summary is not null) html.Append($"<p class=\"lead\">{E(content.Summary)}</p>\n");
        else if (data is not null) html.Append($"<p class=\"lead\">{E(Path.GetFileName(data.Source))}: {data.Count} runs, metric <code>{E(data.MetricName)}</code>; {content.Fits.Count} fit{(content.Fits.Count == 1 ? "" : "s")}.</p>\n");
        AppendContents(html, content);
        if (data is not null)
        {
            AppendData(html, data);
            foreach (var (fit, k) in content.Fits.Select((f, k) => (f, k)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                AppendFit(html, data, fit, k);
            }
            var comparison = content.Comparison ?? (content.Fits.Count >= 2 ? InSampleComparison(data, content.Fits) : null);
            if (comparison is not null) AppendTable(html, comparison, "comparison");
            cancellationToken.ThrowIfCancellationRequested();
            AppendPlan(html, data, content);
            AppendIsoFlop(html, data);
        }
        if (content.Regimes.Count > 0 || content.RegimeTable is not null)
        {
            html.Append("<section id=\"experiments\">\n<h2>Experiments</h2>\n");
            if (content.RegimeTable is { } table) AppendTable(html, table, null, nested: true);
            html.Append("<div class=\"grid\">\n");
            foreach (var regime in content.Regimes) AppendFigure(html, RegimePlots.Build(regime), half: true);
            html.Append("</div>\n</section>\n");
        }
        foreach (var table in content.Extra) AppendTable(html, table, null);
        html.Append("<footer>ScaleLab report. Self-contained: no script, no external resource.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendContents(StringBuilder html, ReportContent content)
    {
        html.Append("<nav><ol>");
        if (content.Data is not null)
        {
            html.Append("<li><a href=\"#data\">Data</a></li>");
            for (int k = 0; k < content.Fits.Count; k++) html.Append($"<li><a href=\"#fit-{k}\">Fit: {E(content.Fits[k].Law.Name)}</a></li>");
            if (content.Comparison is not null || content.Fits.Count >= 2) html.Append("<li><a href=\"#comparison\">Law comparison</a></li>");
            html.Append("<li><a href=\"#plan\">Compute-optimal plan</a></li><li><a href=\"#isoflop\">IsoFLOP profiles</a></li>");
        }
        if (content.Regimes.Count > 0 || content.RegimeTable is not null) html.Append("<li><a href=\"#experiments\">Experiments</a></li>");
        html.Append("</ol></nav>\n");
    }

    private static void AppendData(StringBuilder html, ObservationSet data)
    {
        html.Append("<section id=\"data\">\n<h2>Data</h2>\n");
        var rows = new List<IReadOnlyList<string>>();
        void Range(string name, string unit, Func<Observation, double> get)
        {
            var v = data.Observations.Select(get).ToArray();
            if (v.Length == 0) return;
            double lo = v.Min(), hi = v.Max();
            rows.Add([name, unit, Q(lo), Q(hi), lo > 0 ? F(Math.Log10(hi / lo), "0.##") : "–"]);
        }
        var present = data.PresentVariables;
        if (present.Contains(ScaleVariable.Parameters)) Range("parameters N", "parameters", o => o.Parameters.Value);
        if (present.Contains(ScaleVariable.Tokens)) Range("tokens D", "tokens", o => o.Tokens.Value);
        if (present.Contains(ScaleVariable.UniqueTokens)) Range("unique tokens U", "tokens", o => o.Get(ScaleVariable.UniqueTokens));
        if (present.Contains(ScaleVariable.Compute)) Range("compute C", "FLOPs", o => o.Compute.Value);
        if (present.Contains(ScaleVariable.Parameters) && present.Contains(ScaleVariable.Tokens)) Range("tokens per parameter D/N", "tokens/parameter", o => o.Tokens.Value / o.Parameters.Value);
        Range(data.MetricName, "as given", o => o.Metric);
        AppendTable(html, new ReportTable("", ["quantity", "unit", "min", "max", "decades"], rows,
            $"{data.Count} runs from {Path.GetFileName(data.Source)}." + Derived(data)), null, nested: true);
        AppendDiagnostics(html, data.Diagnostics.Select(d => (d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message)));
        html.Append("</section>\n");
    }

    private static string Derived(ObservationSet data)
    {
        var derived = data.Observations.Where(o => o.Derived is not null).GroupBy(o => o.Derived!.Value).Select(g => $"{ScalingPlots.SymbolOf(g.Key)} derived by C = 6ND on {g.Count()} rows").ToArray();
        return derived.Length == 0 ? "" : " " + string.Join("; ", derived) + ".";
    }

    private static void AppendFit(StringBuilder html, ObservationSet data, FitView fit, int k)
    {
        html.Append($"<section id=\"fit-{k}\">\n<h2>Fit: {E(fit.Law.Name)} <span class=\"status {E(fit.Status)}\">{E(fit.Status)}</span></h2>\n");
        html.Append($"<p class=\"formula\"><code>{E(fit.Law.Formula)}</code> — {E(fit.Law.Reference)}</p>\n");
        var facts = new List<string>();
        if (fit.ObjectiveName is not null) facts.Add($"objective {fit.ObjectiveName}");
        if (fit.Objective is { } o) facts.Add($"value {Quantity.Format(o)}");
        if (fit.Points is { } p) facts.Add($"{p} points");
        if (fit.Starts is { } s) facts.Add($"{s} starts" + (fit.StartsAtBest is { } b ? $", {b} at the best objective" : ""));
        if (fit.Iterations is { } it) facts.Add($"{it} iterations");
        facts.Add(fit.Samples.Count > 0 ? $"{fit.Samples.Count} bootstrap resamples" : "no bootstrap resamples (no intervals)");
        html.Append($"<p>{E(string.Join("; ", facts))}.</p>\n");
        var rows = fit.Law.Parameters.Select(lp =>
        {
            var value = fit.Parameters.TryGetValue(lp.Name, out var v) ? Quantity.Format(v) : "–";
            var interval = fit.IntervalOf(lp.Name);
            return (IReadOnlyList<string>)
            [
                lp.Name, value,
                interval is null ? "–" : $"[{Quantity.Format(interval.Lower)}, {Quantity.Format(interval.Upper)}]",
                interval is null ? "" : $"{F(100 * interval.Level, "0.#")} % {interval.Method}",
                lp.Description,
            ];
        }).ToArray();
        AppendTable(html, new ReportTable("", ["parameter", "value", "interval", "interval kind", "meaning"], rows), null, nested: true, numericColumns: [1, 2]);
        AppendDiagnostics(html, fit.Diagnostics.Select(d => (d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message)));
        html.Append("<div class=\"grid\">\n");
        foreach (var v in ScalingPlots.PlottedVariables(data)) AppendFigure(html, ScalingPlots.LossAgainst(v, data, fit), half: true);
        foreach (var r in ScalingPlots.Residuals(data, fit)) AppendFigure(html, r, half: true);
        if (ScalingPlots.ExponentDistribution(fit) is { } hist) AppendFigure(html, hist, half: true);
        html.Append("</div>\n</section>\n");
    }

    private static ReportTable InSampleComparison(ObservationSet data, IReadOnlyList<FitView> fits)
    {
        var observed = ScalingData.From(data);
        var rows = fits.Select(f =>
        {
            var predicted = f.Law.Predict(f.Theta, observed);
            double rms = Math.Sqrt(Enumerable.Range(0, observed.Count).Average(i => Math.Pow(Math.Log(observed.Y[i] / predicted[i]), 2)));
            return (IReadOnlyList<string>)
            [
                f.Law.Name, f.Law.Parameters.Count.ToString(CultureInfo.InvariantCulture), f.Status,
                f.Objective is { } o ? Quantity.Format(o) : "–", Quantity.Format(rms),
            ];
        }).ToArray();
        return new ReportTable("Law comparison (in sample)", ["law", "parameters", "status", "objective", "RMS log residual"], rows,
            "In-sample fit quality only: choose a law by its error on held-out largest budgets (extrapolation backtest), not by this table.");
    }

    private static void AppendPlan(StringBuilder html, ObservationSet data, ReportContent content)
    {
        html.Append("<section id=\"plan\">\n<h2>Compute-optimal plan</h2>\n");
        var fit = data.PresentVariables.Contains(ScaleVariable.Compute)
            ? content.Fits.FirstOrDefault(f => f.Law.Variables.Contains(ScaleVariable.Parameters) && f.Law.Variables.Contains(ScaleVariable.Tokens))
            : null;
        if (content.Plan is not null) AppendTable(html, content.Plan, null, nested: true);
        if (fit is null)
        {
            if (content.Plan is null) html.Append("<p class=\"missing\">No fit of a law of both N and D: no compute-optimal allocation.</p>\n");
            html.Append("</section>\n");
            return;
        }
        double cmax = data.Observations.Max(o => o.Compute.Value);
        double target = content.TargetCompute ?? 100 * cmax;
        if (content.Plan is null)
        {
            var budgets = new[] { cmax, Math.Sqrt(cmax * target), target }.Distinct().Where(c => c > 0).ToArray();
            var (n, d, loss) = ScalingPlots.Frontier(fit, fit.Theta, budgets);
            var bands = PlanIntervals(fit, budgets);
            var rows = budgets.Select((c, i) => (IReadOnlyList<string>)
            [
                Q(c), F(c / cmax, "0.##") + "×", Q(n[i]) + bands[i], Q(d[i]), F(d[i] / n[i], "0.#"), Quantity.Format(loss[i]),
            ]).ToArray();
            AppendTable(html, new ReportTable("", ["compute C [FLOPs]", "× largest budget", "N* [parameters]", "D* [tokens]", "D*/N*", $"predicted {data.MetricName}"], rows,
                $"argmin over N of the {fit.Law.Name} fit L(N, C/6N). Beyond the largest budget in the data this is an extrapolation; the bracket gives the bootstrap interval of N* when the fit has resamples."),
                null, nested: true, numericColumns: [0, 1, 2, 3, 4, 5]);
        }
        AppendFigure(html, ScalingPlots.ComputeOptimalFrontier(data, fit, target), half: false);
        html.Append("</section>\n");
    }

    private static string[] PlanIntervals(FitView fit, double[] budgets)
    {
        var thetas = fit.SampleThetas();
        var result = new string[budgets.Length];
        Array.Fill(result, "");
        if (thetas.Count < 20) return result;
        var samples = thetas.Select(t => ScalingPlots.Frontier(fit, t, budgets).N).ToArray();
        for (int i = 0; i < budgets.Length; i++)
        {
            var column = samples.Select(s => s[i]).Where(double.IsFinite).ToArray();
            if (column.Length < 20) continue;
            double tail = (1 - fit.Level) / 2;
            Array.Sort(column);
            result[i] = $" [{Q(column[(int)(tail * (column.Length - 1))])}, {Q(column[(int)Math.Ceiling((1 - tail) * (column.Length - 1))])}]";
        }
        return result;
    }

    private static void AppendIsoFlop(StringBuilder html, ObservationSet data)
    {
        var profiles = data.PresentVariables.Contains(ScaleVariable.Parameters) && data.PresentVariables.Contains(ScaleVariable.Compute)
            ? IsoFlopProfile.Find(data.Observations)
            : [];
        html.Append("<section id=\"isoflop\">\n<h2>IsoFLOP profiles</h2>\n");
        if (profiles.Count == 0)
        {
            html.Append("<p class=\"missing\">No compute budget has runs at three or more model sizes.</p>\n</section>\n");
            return;
        }
        AppendFigure(html, ScalingPlots.IsoFlop(data.MetricName, profiles), half: false);
        var rows = profiles.Select(p => (IReadOnlyList<string>)
        [
            Q(p.Budget), p.Parameters.Length.ToString(CultureInfo.InvariantCulture),
            p.OptimalParameters is { } n ? Q(n) + (p.OptimumInside ? "" : " (outside the sampled sizes)") : "no minimum (parabola opens downwards)",
            p.OptimalParameters is { } m ? Quantity.Format(p.Evaluate(m)) : "–",
        ]).ToArray();
        AppendTable(html, new ReportTable("", ["budget C [FLOPs]", "runs", "N* [parameters]", $"{data.MetricName} at N*"], rows,
            "Parabola in ln N per budget (Hoffmann et al. 2022 approach 2)."), null, nested: true, numericColumns: [0, 1, 2, 3]);
        html.Append("</section>\n");
    }

    private static void AppendFigure(StringBuilder html, PlotSpec spec, bool half)
    {
        // Figures are numbered by their position in the page, so the ids are the same on every run.
        int figure = Regex.Count(html.ToString(), "<figure ");
        var svg = half ? PlotRenderer.Svg(spec, HalfWidth, HalfHeight) : PlotRenderer.Svg(spec, PlotWidth, PlotHeight);
        html.Append($"<figure class=\"{(half ? "half" : "full")}\">\n{InlineSvg(svg, spec.Title, $"fig{figure}")}\n");
        if (spec.Caption is not null) html.Append($"<figcaption>{E(spec.Caption)}</figcaption>\n");
        html.Append("</figure>\n");
    }

    /// <summary>
    /// The SVG made scalable (viewBox, no fixed size), without its XML declaration, and with its element
    /// ids renumbered under <paramref name="prefix"/>: Skia numbers clip paths with a process-wide counter,
    /// which would make the page differ between runs and could collide between documents.
    /// </summary>
    internal static string InlineSvg(string svg, string title, string prefix)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = IdAttribute().Replace(svg, m =>
        {
            var id = ids.TryGetValue(m.Groups[1].Value, out var known) ? known : ids[m.Groups[1].Value] = $"{prefix}-{ids.Count}";
            return $"id=\"{id}\"";
        });
        svg = IdReference().Replace(svg, m => ids.TryGetValue(m.Groups[2].Value, out var id) ? $"{m.Groups[1].Value}{id}{m.Groups[3].Value}" : m.Value);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start > 0) svg = svg[start..];
        int end = svg.IndexOf('>');
        var head = svg[..end];
        var body = svg[end..];
        var w = Attribute(head, "width");
        var h = Attribute(head, "height");
        head = head.Replace($" width=\"{w}\"", "", StringComparison.Ordinal).Replace($" height=\"{h}\"", "", StringComparison.Ordinal);
        return $"{head} viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{E(title)}\"{body}";
    }

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("(url\\(#|href=\"#)([^)\"]+)([)\"])")]
    private static partial Regex IdReference();

    private static string Attribute(string tag, string name)
    {
        var key = $" {name}=\"";
        int i = tag.IndexOf(key, StringComparison.Ordinal);
        if (i < 0) return name == "width" ? PlotWidth.ToString(CultureInfo.InvariantCulture) : PlotHeight.ToString(CultureInfo.InvariantCulture);
        i += key.Length;
        return tag[i..tag.IndexOf('"', i)];
    }

    private static void AppendTable(StringBuilder html, ReportTable table, string? id, bool nested = false, int[]? numericColumns = null)
    {
        if (!nested) html.Append(id is null ? "<section>\n" : $"<section id=\"{id}\">\n");
        if (table.Title.Length > 0) html.Append(nested ? $"<h3>{E(table.Title)}</h3>\n" : $"<h2>{E(table.Title)}</h2>\n");
        html.Append("<table>\n<thead><tr>");
        foreach (var h in table.Headers) html.Append($"<th>{E(h)}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        // Columns not named numeric are right-aligned when every cell is a number (or "-" for none).
        numericColumns ??= NumericColumns(table);
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
            {
                bool numeric = numericColumns.Contains(c);
                html.Append(numeric ? $"<td class=\"num\">{E(row[c])}</td>" : $"<td>{E(row[c])}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (table.Caption is not null) html.Append($"<p class=\"caption\">{E(table.Caption)}</p>\n");
        if (!nested) html.Append("</section>\n");
    }

    private static int[] NumericColumns(ReportTable table)
    {
        var columns = new List<int>();
        for (int c = 0; c < table.Headers.Count; c++)
        {
            bool any = false, all = true;
            foreach (var row in table.Rows)
            {
                if (c >= row.Count || row[c] is "" or "-") continue;
                any = true;
                if (!double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) { all = false; break; }
            }
            if (any && all) columns.Add(c);
        }
        return [.. columns];
    }

    private static void AppendDiagnostics(StringBuilder html, IEnumerable<(string Severity, string Code, string Message)> diagnostics)
    {
        var list = diagnostics.ToArray();
        if (list.Length == 0)
        {
            html.Append("<p class=\"diagnostics none\">No diagnostics.</p>\n");
            return;
        }
        html.Append("<ul class=\"diagnostics\">\n");
        foreach (var (severity, code, message) in list) html.Append($"<li class=\"{E(severity)}\"><b>{E(severity)}</b> <code>{E(code)}</code> {E(message)}</li>\n");
        html.Append("</ul>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Q(double value) => Quantity.Compact(value);

    private const string Css = """
        :root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --warn: #9a5b00; --err: #b00020; --ok: #1e6b34; }
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 1180px; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.3rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; margin-top: 2.2rem; }
        .lead, .caption, figcaption, footer { color: var(--muted); }
        nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem 1.6rem; padding-left: 0; }
        table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92rem; }
        th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.7rem; text-align: left; vertical-align: top; }
        th { background: #f3f4f6; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
        .status { font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 0.6rem; vertical-align: middle; border: 1px solid currentColor; }
        .status.converged { color: var(--ok); } .status.not-converged { color: var(--warn); } .status.failed { color: var(--err); }
        ul.diagnostics { padding-left: 1.2rem; } .diagnostics .warning b { color: var(--warn); } .diagnostics .error b { color: var(--err); }
        .missing { color: var(--muted); font-style: italic; }
        .grid { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0.6rem 0; } figure.half { flex: 0 1 calc(50% - 0.5rem); min-width: 340px; } figure.full { width: 100%; }
        figure svg { width: 100%; height: auto; display: block; }
        footer { margin-top: 3rem; font-size: 0.85rem; border-top: 1px solid var(--rule); padding-top: 0.5rem; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          nav { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure, table, ul.diagnostics { break-inside: avoid; page-break-inside: avoid; }
          figure.half { flex: 1 1 45%; }
          section { break-before: auto; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
