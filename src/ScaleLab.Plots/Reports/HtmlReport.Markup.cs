using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ScaleLab.Diagnostics;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Rendering;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Reports;

/// <summary>The report's markup: figures as inline SVG, tables, diagnostics, escaping, number cells and the stylesheet.</summary>
public static partial class HtmlReport
{
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

    private static void AppendDiagnostics(StringBuilder html, IReadOnlyList<Diagnostic> diagnostics)
    {
        var list = diagnostics.Select(d => (Severity: d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message)).ToArray();
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
