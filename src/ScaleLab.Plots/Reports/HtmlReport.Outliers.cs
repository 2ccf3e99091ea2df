using System.Text;
using ScaleLab.Analysis;
using ScaleLab.Fitting;
using ScaleLab.Quantities;

namespace ScaleLab.Plots.Reports;

/// <summary>The report's outliers section of a fit: the runs the outlier check singled out, with their rows.</summary>
public static partial class HtmlReport
{
    private static void AppendOutliers(StringBuilder html, FittedLaw fit, OutlierReport? outliers, int k)
    {
        if (outliers is null) return;
        html.Append($"<section id=\"outliers-{k}\">\n<h3>Outliers</h3>\n");
        if (outliers.Points.Count == 0)
        {
            html.Append($"<p>No run lies beyond {E(F(outliers.Threshold, "0.#"))}·MAD of the log residuals, and none moves a parameter by more than its standard error when left out.</p>\n</section>\n");
            return;
        }
        var observed = fit.Observations?.Observations;
        var free = fit.Result.FreeParameters;
        var rows = outliers.Points.Select(p =>
        {
            var o = observed is not null && p.Index < observed.Count ? observed[p.Index] : null;
            string moved = string.Join(", ", free.Where(p.Shifts.ContainsKey).Select(name => $"{name} {Quantity.Format(p.Shifts[name], 4)}"));
            return (IReadOnlyList<string>)
            [
                p.Row > 0 ? F(p.Row, "0") : "–",
                o is null ? "–" : Quantity.Format(o.Metric, 4),
                F(p.RobustZ, "0.00"),
                double.IsFinite(p.Influence) ? F(p.Influence, "0.00") : "–",
                p.IsResidualOutlier ? (p.IsInfluential ? "residual, influential" : "residual") : "influential",
                moved,
            ];
        }).ToArray();
        string caption = $"Robust z = 0.6745·(r − median)/MAD of the log residuals (MAD {Quantity.Format(outliers.Mad, 3)}); a residual outlier has |z| > {F(outliers.Threshold, "0.#")}. " +
            "Influence: the largest change of a parameter when the run alone is left out, in standard errors; the last column is the fit without it.";
        AppendTable(html, new ReportTable("", ["row", "metric", "robust z", "influence (SE)", "kind", "fit without it"], rows, caption), null, nested: true, numericColumns: [0, 1, 2, 3]);
        if (outliers.WithoutOutliers.Count > 0)
        {
            string without = string.Join(", ", free.Where(outliers.WithoutOutliers.ContainsKey).Select(name => $"{name} {Quantity.Format(outliers.WithoutOutliers[name], 4)}"));
            html.Append($"<p>Without all {outliers.Points.Count(p => p.IsResidualOutlier)} residual outliers: {E(without)} (a change of up to {E(F(outliers.JointInfluence, "0.##"))} standard errors).</p>\n");
        }
        html.Append("</section>\n");
    }
}
