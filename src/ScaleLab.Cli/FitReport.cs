using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Reports;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using Spectre.Console;

namespace ScaleLab.Cli;

/// <summary>The human-readable view of a fitted law and its analysis: a parameter table and the facts a reader must see.</summary>
internal static class FitReport
{
    public static void Write(IAnsiConsole console, FittedLaw fitted, FitAnalysis? analysis)
    {
        var law = fitted.Law;
        var fit = fitted.Result;
        console.WriteLine($"Law: {law.Name}   {law.Formula}" + (law.Reference is null ? "" : $"   ({law.Reference})"));
        console.WriteLine($"Data: {fitted.Data.Source}, {fitted.Data.Rows} rows, metric '{fitted.Data.Metric}'");

        var intervals = analysis?.Intervals ?? new Dictionary<string, Uncertainty.Interval>();
        var table = new Table().Border(Terminal.Border(console));
        table.AddColumn("Parameter");
        table.AddColumn(new TableColumn("Value").RightAligned());
        bool withIntervals = intervals.Count > 0;
        if (withIntervals) table.AddColumn(new TableColumn("Interval").RightAligned());
        table.AddColumn("Note");
        foreach (var (name, value) in fitted.Parameters)
        {
            var note = fit.Options.Fixed.ContainsKey(name) ? "fixed"
                : fit.Options.Ties.FirstOrDefault(t => t.Contains(name)) is { } tie ? "tied: " + string.Join(" = ", tie)
                : "";
            var row = new List<string> { name, Quantity.Format(value) };
            if (withIntervals)
            {
                row.Add(intervals.TryGetValue(name, out var iv)
                    ? $"[{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}] ({Quantity.Format(100 * iv.Level)} %)"
                    : "");
            }
            row.Add(note);
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        var derived = analysis?.Derived ?? (fit.Status == FitStatus.Failed ? new Dictionary<string, double>() : DerivedQuantities.Of(law, fitted.Parameters));
        foreach (var (name, value) in derived)
        {
            var row = new List<string> { name, Quantity.Format(value) };
            if (withIntervals) row.Add(intervals.TryGetValue(name, out var iv) ? $"[{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}]" : "");
            row.Add("derived");
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);

        var objective = fit.Options.Objective;
        var objectiveName = objective.Name
            + (objective.Loss == LossKind.Huber ? $" (delta={Quantity.Format(objective.Delta)})" : "")
            + (objective.Loss == LossKind.AsymmetricAbsolute ? $" (negative weight={Quantity.Format(objective.NegativeWeight)})" : "");
        console.WriteLine($"Objective: {objectiveName} = {Quantity.Format(fit.Objective)} (summed over points)");
        console.WriteLine($"Status: {JsonOutput.Word(fit.Status)} ({(fit.StatusReason.Length > 0 ? fit.StatusReason : JsonOutput.Word(fit.Exit))}) after {fit.Iterations} iterations, gradient max-norm {Quantity.Format(fit.GradientNorm)}");
        console.WriteLine($"Starts: {fit.Starts} run, {fit.StartsConverged} converged, {fit.StartsAtBest} reached the best objective");
        if (intervals.Count > 0)
        {
            var first = intervals.Values.First();
            var how = analysis?.Bootstrap is { } b ? $", {b.Resamples} bootstrap resamples{(b.ClusterBy is null ? "" : $" of clusters by {b.ClusterBy}")}, seed {b.Seed}, {b.Failed} failed" : "";
            console.WriteLine($"Intervals: {Quantity.Format(100 * first.Level)} % {first.Method}{how}");
        }
        foreach (var (name, iv) in analysis?.ProfileIntervals ?? new Dictionary<string, Uncertainty.Interval>())
        {
            console.WriteLine($"Profile interval {name}: [{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}] ({Quantity.Format(100 * iv.Level)} %)");
        }
        if (analysis?.LikelihoodRatio is { } lr)
        {
            console.WriteLine($"Likelihood-ratio test ({lr.Likelihood}) against {string.Join(", ", lr.Hypothesis.Select(kv => $"{kv.Key}={Quantity.Format(kv.Value)}"))}: statistic {Quantity.Format(lr.Statistic)}, df {lr.DegreesOfFreedom}, p = {Quantity.Format(lr.PValue)}");
        }
        var diagnostics = new List<Diagnostic>([.. fitted.Data.Diagnostics, .. fit.Diagnostics, .. analysis?.Diagnostics ?? []]);
        if (diagnostics.Count == 0)
        {
            console.WriteLine("Diagnostics: none");
            return;
        }
        console.WriteLine("Diagnostics:");
        foreach (var diagnostic in diagnostics) console.WriteLine($"  {diagnostic}");
    }

    /// <summary>
    /// The fits of a grouped read in one table, a row per group (parameters and derived quantities as columns, with their
    /// intervals when the analysis made them; a skipped group says why), then the data's diagnostics and each group's.
    /// </summary>
    public static void WriteGroups(IAnsiConsole console, ObservationSet data, IReadOnlyList<GroupOutcome<ReportFit>> outcomes)
    {
        var fits = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToArray();
        var law = fits.FirstOrDefault()?.Fit.Law;
        if (law is not null) console.WriteLine($"Law: {law.Name}   {law.Formula}" + (law.Reference is null ? "" : $"   ({law.Reference})"));
        console.WriteLine($"Data: {data.Source}, {data.Count} rows in {outcomes.Count} groups by {string.Join(", ", data.GroupColumns)}, metric '{data.MetricName}'");
        var names = law is null ? [] : law.Parameters.Select(p => p.Name).ToList();
        var derivedNames = fits.SelectMany(f => Derived(f).Keys).Distinct().ToList();
        var table = new Table().Border(Terminal.Border(console));
        foreach (var header in new[] { "Group", "Rows", "Status" }.Concat(names).Concat(derivedNames).Append("Objective"))
        {
            table.AddColumn(header is "Group" or "Status" ? new TableColumn(Markup.Escape(header)) : new TableColumn(Markup.Escape(header)).RightAligned());
        }
        foreach (var outcome in outcomes)
        {
            var row = new List<string> { outcome.Group.Name, outcome.Group.Data.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (outcome.Result is not { } reported)
            {
                row.Add($"skipped: {outcome.Skipped}");
                row.AddRange(Enumerable.Repeat("", names.Count + derivedNames.Count + 1));
            }
            else
            {
                var intervals = reported.Analysis?.Intervals ?? new Dictionary<string, Uncertainty.Interval>();
                string Cell(string name, double value) => Quantity.Format(value) + (intervals.TryGetValue(name, out var iv) ? $" [{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}]" : "");
                row.Add(JsonOutput.Word(reported.Fit.Status));
                row.AddRange(names.Select(n => reported.Fit.Parameters.TryGetValue(n, out var v) ? Cell(n, v) : ""));
                var derived = Derived(reported);
                row.AddRange(derivedNames.Select(n => derived.TryGetValue(n, out var v) ? Cell(n, v) : ""));
                row.Add(Quantity.Format(reported.Fit.Result.Objective));
            }
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        console.WriteLine("Diagnostics:");
        foreach (var d in data.Diagnostics) console.WriteLine($"  {d}");
        foreach (var outcome in outcomes)
        {
            if (outcome.Result is not { } reported) continue;
            foreach (var d in reported.Fit.Result.Diagnostics.Concat(reported.Analysis?.Diagnostics ?? [])) console.WriteLine($"  {outcome.Group.Name}: {d}");
        }
    }

    private static IReadOnlyDictionary<string, double> Derived(ReportFit reported) =>
        reported.Analysis?.Derived ?? (reported.Fit.Status == FitStatus.Failed ? new Dictionary<string, double>() : DerivedQuantities.Of(reported.Fit.Law, reported.Fit.Parameters));
}
