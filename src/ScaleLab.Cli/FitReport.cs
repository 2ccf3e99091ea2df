using ScaleLab.Quantities;
using ScaleLab.Serialization;
using Spectre.Console;

namespace ScaleLab.Cli;

/// <summary>The human-readable view of a <see cref="FitDocument"/>: a parameter table and the facts a reader must see.</summary>
internal static class FitReport
{
    public static void Write(IAnsiConsole console, FitDocument fit)
    {
        console.WriteLine($"Law: {fit.Law}   {fit.Formula}" + (fit.Reference is null ? "" : $"   ({fit.Reference})"));
        console.WriteLine($"Data: {fit.Input.Path}, {fit.Input.Rows} rows, metric '{fit.Input.Metric}'");

        var table = new Table().Border(Terminal.Border(console));
        table.AddColumn("Parameter");
        table.AddColumn(new TableColumn("Value").RightAligned());
        bool withIntervals = fit.Intervals.Count > 0;
        if (withIntervals) table.AddColumn(new TableColumn("Interval").RightAligned());
        table.AddColumn("Note");
        foreach (var (name, value) in fit.Parameters)
        {
            var note = fit.Options.Fixed.ContainsKey(name) ? "fixed"
                : fit.Options.Ties.FirstOrDefault(t => t.Contains(name)) is { } tie ? "tied: " + string.Join(" = ", tie)
                : "";
            var row = new List<string> { name, Quantity.Format(value) };
            if (withIntervals)
            {
                row.Add(fit.Intervals.TryGetValue(name, out var iv)
                    ? $"[{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}] ({Quantity.Format(100 * iv.Level)} %)"
                    : "");
            }
            row.Add(note);
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        foreach (var (name, value) in fit.Derived)
        {
            var row = new List<string> { name, Quantity.Format(value) };
            if (withIntervals) row.Add(fit.Intervals.TryGetValue(name, out var iv) ? $"[{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}]" : "");
            row.Add("derived");
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);

        var objective = fit.Objective.Name
            + (fit.Objective.Delta is { } d ? $" (delta={Quantity.Format(d)})" : "")
            + (fit.Objective.NegativeWeight is { } w ? $" (negative weight={Quantity.Format(w)})" : "");
        console.WriteLine($"Objective: {objective} = {Quantity.Format(fit.Objective.Value)} (summed over points)");
        console.WriteLine($"Status: {fit.Status} ({fit.Exit}) after {fit.Iterations} iterations, gradient max-norm {Quantity.Format(fit.GradientNorm)}");
        console.WriteLine($"Starts: {fit.Starts} run, {fit.StartsConverged} converged, {fit.StartsAtBest} reached the best objective");
        if (fit.Intervals.Count > 0)
        {
            var first = fit.Intervals.Values.First();
            var how = fit.Bootstrap is { } b ? $", {b.Resamples} bootstrap resamples{(b.ClusterBy is null ? "" : $" of clusters by {b.ClusterBy}")}, seed {b.Seed}, {b.Failed} failed" : "";
            console.WriteLine($"Intervals: {Quantity.Format(100 * first.Level)} % {first.Method}{how}");
        }
        foreach (var (name, iv) in fit.ProfileIntervals ?? new Dictionary<string, IntervalEntry>())
        {
            console.WriteLine($"Profile interval {name}: [{Quantity.Format(iv.Lower)}, {Quantity.Format(iv.Upper)}] ({Quantity.Format(100 * iv.Level)} %)");
        }
        if (fit.LikelihoodRatio is { } lr)
        {
            console.WriteLine($"Likelihood-ratio test ({lr.Likelihood}) against {string.Join(", ", lr.Hypothesis.Select(kv => $"{kv.Key}={Quantity.Format(kv.Value)}"))}: statistic {Quantity.Format(lr.Statistic)}, df {lr.Df}, p = {Quantity.Format(lr.PValue)}");
        }
        if (fit.Diagnostics.Count == 0)
        {
            console.WriteLine("Diagnostics: none");
            return;
        }
        console.WriteLine("Diagnostics:");
        foreach (var diagnostic in fit.Diagnostics)
        {
            console.WriteLine($"  {diagnostic.Severity} [{diagnostic.Code}] {diagnostic.Message}");
        }
    }
}
