using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Reports;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Plots;

public sealed class OutlierSectionTests
{
    [SkippableFact]
    public void Report_OfAllEpochRows_ListsTheFiveHighestLossesInItsOutliersSection()
    {
        var path = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        Skip.If(path is null, SharedData.Missing);
        var data = ObservationReader.Read(path!);
        var fitted = FittedLaw.Fit(ChinchillaLaw.Instance, data);
        var html = HtmlReport.Render(new ReportContent { Data = data, Fits = [new ReportFit(fitted, fitted.Analyse())] });
        int start = html.IndexOf("<section id=\"outliers-", StringComparison.Ordinal);
        Assert.True(start >= 0, "no outliers section");
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        // Besiroglu et al. 2024 left out the five highest losses of this extraction (rows 1 to 5 of the file).
        foreach (var row in data.Observations.OrderByDescending(o => o.Metric).Take(5).Select(o => o.Row))
        {
            Assert.Contains($"<td class=\"num\">{row}</td>", section);
        }
        Assert.Contains("Without all", section);
    }
}
