using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Reports;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The HTML report of a stored study: the study and its run counts, the regimes table (exponents
/// against theory), one plot per fitted regime and a summary of the runs by group. Written by every
/// study command after fitting and by <c>scalelab report --store</c>.
/// </summary>
internal static class StudyReport
{
    /// <summary>The file a study command writes when <c>--report</c> is not given: <c>report.html</c> next to the store.</summary>
    public static string DefaultPath(string storePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "report.html");

    /// <summary>
    /// The report of <paramref name="study"/> from its <paramref name="runs"/> and regime
    /// <paramref name="fits"/>; <paramref name="regimesStored"/> false says the store holds no
    /// regime definitions for it. <paramref name="extra"/> (e.g. the demo's checked prediction) comes before the runs table;
    /// <paramref name="symbols"/> (the plan's, when the report is written by the study's command) are defined under the regimes table.
    /// </summary>
    public static ReportContent Build(StudyRecord study, IReadOnlyList<RunRecord> runs, IReadOnlyList<RegimeFit> fits, bool regimesStored, string? title,
        ReportTable? extra = null, IReadOnlyList<(string Symbol, string Meaning)>? symbols = null)
    {
        int finished = runs.Count(r => r.Status == RunStatus.Finished), failed = runs.Count - finished;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Study {study.Name} (seed {study.Seed}, created {study.Created:yyyy-MM-dd HH:mm} UTC): {study.Description}. {finished} run(s) finished, {failed} failed; {fits.Count} regime(s) fitted.");
        if (!regimesStored)
        {
            summary += " The store holds no regime definitions for this study (it was run by an older version): run its command again to store them.";
        }
        return new ReportContent
        {
            Title = title ?? $"Scaling study: {study.Name}",
            Summary = summary,
            RegimeTable = fits.Count == 0 ? null : RegimeTable(fits, symbols ?? []),
            Regimes = [.. fits.Where(f => f.Fit is not null && f.Measured.Count > 0).Select(Plot)],
            Extra = extra is null ? [RunTable(runs)] : [extra, RunTable(runs)],
        };
    }

    private static ReportTable RegimeTable(IReadOnlyList<RegimeFit> fits, IReadOnlyList<(string Symbol, string Meaning)> symbols)
    {
        var rows = fits.Select(f =>
        {
            var findings = StudyConsole.Notable(f).Select(d => $"{d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}");
            if (StudyConsole.Explanation(f) is { } why) findings = findings.Prepend(why);
            if (f.Regime.Note is { } note) findings = findings.Prepend($"note: {note}");
            return (IReadOnlyList<string>)[.. StudyConsole.RegimeRow(f), f.Regime.Metric, string.Join("; ", findings)];
        }).ToArray();
        string legend = StudyConsole.RegimeLegend(fits) + "." + (symbols.Count > 0 ? " " + StudyConsole.SymbolLine(symbols) : "");
        return new ReportTable("Regimes", [.. StudyConsole.RegimeHeader, "metric", "diagnostics"], rows, legend);
    }

    private static RegimeData Plot(RegimeFit fit)
    {
        var axis = fit.Regime.Variable == ScaleVariable.Parameters
            ? new PlotAxis("model size N", "parameters", true)
            : new PlotAxis("training data D", "samples or tokens", true);
        return new RegimeData(fit.Regime.Name, axis.Label, axis.Unit,
            [.. fit.Measured.Select(p => p.Size)], [.. fit.Measured.Select(p => p.Metric)], -fit.Alpha, -fit.Regime.TheoryExponent, fit.Regime.Metric);
    }

    private static ReportTable RunTable(IReadOnlyList<RunRecord> runs)
    {
        string Range(IEnumerable<double> values)
        {
            var v = values.Where(double.IsFinite).ToArray();
            return v.Length == 0 ? "-" : $"{StudyConsole.Number(v.Min())}..{StudyConsole.Number(v.Max())}";
        }
        var rows = runs.GroupBy(r => (r.Group, r.Kind)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).Select(g =>
        {
            var outcomes = g.Select(r => r.Outcome).OfType<RunOutcome>().ToArray();
            return (IReadOnlyList<string>)
            [
                g.Key.Group.Length == 0 ? "(none)" : g.Key.Group, g.Key.Kind,
                outcomes.Length.ToString(CultureInfo.InvariantCulture), (g.Count() - outcomes.Length).ToString(CultureInfo.InvariantCulture),
                Range(outcomes.Select(o => o.Parameters.Value)),
                Range(outcomes.Select(o => o.Tokens?.Value ?? double.NaN)),
                string.Join(", ", outcomes.SelectMany(o => o.HeldOut.Keys).Distinct().Order(StringComparer.Ordinal)),
                StudyConsole.Number(g.Sum(r => r.WallSeconds)),
            ];
        }).ToArray();
        return new ReportTable("Runs", ["group", "kind", "finished", "failed", "N", "D", "held-out metrics", "seconds"], rows,
            $"{runs.Count} stored run(s) by group; N and D are the smallest and largest of the finished runs (D absent for infinite-data runs).");
    }
}
