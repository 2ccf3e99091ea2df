using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.IO;
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

    /// <summary>Writes the report of <paramref name="data"/> and one fitted law (its analysis' bootstrap, when it has one, gives intervals and bands).</summary>
    public static void Write(string path, ObservationSet data, FittedLaw fit, FitAnalysis? analysis = null) =>
        Write(path, new ReportContent { Data = data, Fits = [new ReportFit(fit, analysis)] });

    /// <summary>
    /// Writes the report to <paramref name="path"/> (UTF-8) atomically (<see cref="AtomicFile"/>): a crash or a full
    /// disk never leaves half a report, and a read-only file is refused.
    /// </summary>
    public static void Write(string path, ReportContent content, CancellationToken cancellationToken = default)
    {
        var html = Render(content, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.WriteAllText(path, html);
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
        else if (data is not null) html.Append($"<p class=\"lead\">{E(Path.GetFileName(data.Source))}: {data.Count} runs, metric <code>{E(data.MetricName)}</code>; {(content.Groups.Count > 0 ? $"{content.Groups.Count} groups" : $"{content.Fits.Count} fit{(content.Fits.Count == 1 ? "" : "s")}")}.</p>\n");
        AppendContents(html, content);
        // A grouped report shows the whole data once; every analysis is of one group.
        if (data is not null && content.Groups.Count > 0) AppendData(html, data);
        else if (data is not null) AppendAnalyses(html, data, content, cancellationToken);
        for (int g = 0; g < content.Groups.Count; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var group = content.Groups[g];
            html.Append($"<section id=\"group-{g}\" class=\"group\">\n<h2>Group: {E(group.Name)}</h2>\n");
            if (group.Content is not { Data: { } rows } inner)
            {
                html.Append($"<p>{group.Rows} rows; skipped: {E(group.Skipped ?? "no report")}.</p>\n</section>\n");
                continue;
            }
            html.Append("</section>\n");
            // The group's sections carry the ids of a report of their own: prefixed, so that no id repeats in the page.
            int start = html.Length;
            AppendAnalyses(html, rows, inner, cancellationToken);
            html.Replace("<section id=\"", $"<section id=\"group-{g}-", start, html.Length - start);
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

    // The data, fit, comparison, plan and IsoFLOP sections of one set of runs.
    private static void AppendAnalyses(StringBuilder html, ObservationSet data, ReportContent content, CancellationToken cancellationToken)
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

    private static void AppendContents(StringBuilder html, ReportContent content)
    {
        html.Append("<nav><ol>");
        if (content.Data is not null)
        {
            html.Append("<li><a href=\"#data\">Data</a></li>");
        }
        if (content.Data is not null && content.Groups.Count == 0)
        {
            for (int k = 0; k < content.Fits.Count; k++) html.Append($"<li><a href=\"#fit-{k}\">Fit: {E(content.Fits[k].Fit.Law.Name)}</a></li>");
            if (content.Comparison is not null || content.Fits.Count >= 2) html.Append("<li><a href=\"#comparison\">Law comparison</a></li>");
            html.Append("<li><a href=\"#plan\">Compute-optimal plan</a></li><li><a href=\"#isoflop\">IsoFLOP profiles</a></li>");
        }
        for (int g = 0; g < content.Groups.Count; g++) html.Append($"<li><a href=\"#group-{g}\">Group: {E(content.Groups[g].Name)}</a></li>");
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
        AppendDiagnostics(html, data.Diagnostics);
        html.Append("</section>\n");
    }

    private static string Derived(ObservationSet data)
    {
        var derived = data.Observations.Where(o => o.Derived is not null).GroupBy(o => o.Derived!.Value).Select(g => $"{ScalingPlots.SymbolOf(g.Key)} derived by C = 6ND on {g.Count()} rows").ToArray();
        return derived.Length == 0 ? "" : " " + string.Join("; ", derived) + ".";
    }
}
