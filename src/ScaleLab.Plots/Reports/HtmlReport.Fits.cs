using System.Globalization;
using System.Text;
using ScaleLab.Data;
using ScaleLab.Planning;
using ScaleLab.Plots.Model;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Plots.Reports;

/// <summary>The report's sections on the fits: parameters, outliers and plots per fit, the in-sample comparison, the plan, the IsoFLOP profiles.</summary>
public static partial class HtmlReport
{
    private static void AppendFit(StringBuilder html, ObservationSet data, ReportFit reported, int k)
    {
        var (fit, analysis) = (reported.Fit, reported.Analysis);
        var result = fit.Result;
        var status = JsonOutput.Word(fit.Status);
        html.Append($"<section id=\"fit-{k}\">\n<h2>Fit: {E(fit.Law.Name)} <span class=\"status {E(status)}\">{E(status)}</span></h2>\n");
        html.Append($"<p class=\"formula\"><code>{E(fit.Law.Formula)}</code> — {E(fit.Law.Reference)}</p>\n");
        int resamples = analysis?.Bootstrap?.Samples.Count ?? 0;
        var facts = new List<string>
        {
            $"objective {result.Options.Objective}",
            $"value {Quantity.Format(result.Objective)}",
            $"{result.Points} points",
            $"{result.Starts} starts, {result.StartsAtBest} at the best objective",
            $"{result.Iterations} iterations",
            resamples > 0 ? $"{resamples} bootstrap resamples" : "no bootstrap resamples (no intervals)",
        };
        html.Append($"<p>{E(string.Join("; ", facts))}.</p>\n");
        var rows = fit.Law.Parameters.Select(lp =>
        {
            var value = fit.Parameters.TryGetValue(lp.Name, out var v) ? Quantity.Format(v) : "–";
            var interval = analysis?.IntervalOf(lp.Name);
            return (IReadOnlyList<string>)
            [
                lp.Name, value,
                interval is null ? "–" : $"[{Quantity.Format(interval.Lower)}, {Quantity.Format(interval.Upper)}]",
                interval is null ? "" : $"{F(100 * interval.Level, "0.#")} % {interval.Method}",
                lp.Description,
            ];
        }).ToArray();
        AppendTable(html, new ReportTable("", ["parameter", "value", "interval", "interval kind", "meaning"], rows), null, nested: true, numericColumns: [1, 2]);
        AppendDiagnostics(html, [.. result.Diagnostics, .. analysis?.Diagnostics ?? []]);
        AppendOutliers(html, fit, analysis?.Outliers, k);
        html.Append("<div class=\"grid\">\n");
        foreach (var v in ScalingPlots.PlottedVariables(data, fit)) AppendFigure(html, ScalingPlots.MetricAgainstEither(v, data, fit, analysis), half: true);
        foreach (var r in ScalingPlots.Residuals(data, fit)) AppendFigure(html, r, half: true);
        if (ScalingPlots.ExponentDistribution(fit, analysis) is { } hist) AppendFigure(html, hist, half: true);
        html.Append("</div>\n</section>\n");
    }

    private static ReportTable InSampleComparison(ObservationSet data, IReadOnlyList<ReportFit> fits)
    {
        var observed = ScalingData.From(data);
        var rows = fits.Select(reported =>
        {
            var f = reported.Fit;
            var predicted = f.Law.Predict(f.Result.Theta, observed);
            double rms = Math.Sqrt(Enumerable.Range(0, observed.Count).Average(i => Math.Pow(Math.Log(observed.Y[i] / predicted[i]), 2)));
            return (IReadOnlyList<string>)
            [
                f.Law.Name, f.Law.Parameters.Count.ToString(CultureInfo.InvariantCulture), JsonOutput.Word(f.Status),
                Quantity.Format(f.Result.Objective), Quantity.Format(rms),
            ];
        }).ToArray();
        return new ReportTable("Law comparison (in sample)", ["law", "parameters", "status", "objective", "RMS log residual"], rows,
            "In-sample fit quality only: choose a law by its error on held-out largest budgets (extrapolation backtest), not by this table.");
    }

    private static void AppendPlan(StringBuilder html, ObservationSet data, ReportContent content)
    {
        html.Append("<section id=\"plan\">\n<h2>Compute-optimal plan</h2>\n");
        var reported = data.PresentVariables.Contains(ScaleVariable.Compute)
            ? content.Fits.FirstOrDefault(f => f.Fit.Law.AllocatesCompute)
            : null;
        if (content.Plan is not null) AppendTable(html, content.Plan, null, nested: true);
        if (reported is null)
        {
            if (content.Plan is null) html.Append("<p class=\"missing\">No fit of a law of both N and D: no compute-optimal allocation.</p>\n");
            html.Append("</section>\n");
            return;
        }
        var (fit, analysis) = (reported.Fit, reported.Analysis);
        double cmax = data.Observations.Max(o => o.Compute.Value);
        double target = content.TargetCompute ?? 100 * cmax;
        if (content.Plan is null)
        {
            var law = PlanningLaw.From(fit, analysis);
            var budgets = new[] { cmax, Math.Sqrt(cmax * target), target }.Distinct().Where(c => c > 0).ToArray();
            var hardware = content.Hardware;
            var costs = HardwareColumns(hardware);
            var rows = budgets.Select(c =>
            {
                var plan = PlanOf(law, c, hardware);
                var cells = new List<string>
                {
                    Q(c), F(c / cmax, "0.##") + "×", Q(plan.Parameters) + Bracket(plan, Plan.ParametersKey), Q(plan.Tokens), F(plan.TokensPerParameter, "0.#"), Quantity.Format(plan.Loss),
                };
                foreach (var (_, value, key) in costs) cells.Add(value(plan) is { } v ? Q(v) + Bracket(plan, key) : "");
                return (IReadOnlyList<string>)cells;
            }).ToArray();
            string[] headers = ["compute C [FLOPs]", "× largest budget", "N* [parameters]", "D* [tokens]", "D*/N*", $"predicted {data.MetricName}", .. costs.Select(c => c.Header)];
            var energyNote = hardware is null ? ""
                : $" GPU-hours at {Q(hardware.PeakFlopsPerSecond)} FLOP/s peak and MFU {F(hardware.Mfu, "0.##")}"
                  + (hardware.PowerWatts is { } w ? $"; energy = GPU-hours × {Q(w)} W × PUE {F(hardware.PowerUsageEffectiveness, "0.##")}" : "")
                  + (hardware.GridKgCo2PerKwh is { } g ? $"; emissions = kWh × {Q(g)} kg CO2e/kWh (operational only)" : "") + ".";
            AppendTable(html, new ReportTable("", headers, rows,
                $"argmin over N of the {fit.Law.Name} fit L(N, C/6N). Beyond the largest budget in the data this is an extrapolation; the brackets give bootstrap intervals when the fit has resamples." + energyNote),
                null, nested: true, numericColumns: [.. Enumerable.Range(0, headers.Length)]);
        }
        AppendFigure(html, ScalingPlots.ComputeOptimalFrontier(data, fit, analysis, target), half: false);
        html.Append("</section>\n");
    }

    /// <summary>The planner's compute-optimal plan at <paramref name="compute"/>, with intervals only from enough bootstrap samples to mean something.</summary>
    private static Plan PlanOf(PlanningLaw law, double compute, Hardware? hardware) =>
        ComputeOptimalPlanner.ForCompute(law.BootstrapSamples.Count >= MinimumPlanSamples ? law : law with { BootstrapSamples = [] }, compute, hardware);

    /// <summary>" [lower, upper]" of the plan's interval named <paramref name="key"/>, or "" without one.</summary>
    private static string Bracket(Plan plan, string key) =>
        plan.Intervals.TryGetValue(key, out var interval) ? $" [{Q(interval.Lower)}, {Q(interval.Upper)}]" : "";

    /// <summary>The plan-table columns the hardware figures allow: GPU-hours always, then cost, energy, emissions when known.</summary>
    private static (string Header, Func<Plan, double?> Value, string Key)[] HardwareColumns(Hardware? hardware)
    {
        if (hardware is null) return [];
        var columns = new List<(string, Func<Plan, double?>, string)> { ("GPU-hours", p => p.GpuHours, "gpuHours") };
        if (hardware.PricePerGpuHour is not null) columns.Add(("cost", p => p.Cost, "cost"));
        if (hardware.PowerWatts is not null) columns.Add(("energy [kWh]", p => p.EnergyKwh, Plan.EnergyKey));
        if (hardware.GridKgCo2PerKwh is not null) columns.Add(("emissions [kg CO2e]", p => p.EmissionsKgCo2e, Plan.EmissionsKey));
        return [.. columns];
    }

    /// <summary>Fewer bootstrap samples than this give no interval of N*: a 10–90 % interval from a handful of refits is noise.</summary>
    private const int MinimumPlanSamples = 20;

    private static void AppendIsoFlop(StringBuilder html, ObservationSet data)
    {
        var budgets = data.PresentVariables.Contains(ScaleVariable.Parameters) && data.PresentVariables.Contains(ScaleVariable.Compute)
            ? IsoFlopAnalysis.Analyse(data.Observations).Budgets
            : [];
        var profiles = budgets.Where(b => b.HasParabola).ToArray();
        html.Append("<section id=\"isoflop\">\n<h2>IsoFLOP profiles</h2>\n");
        if (profiles.Length == 0)
        {
            html.Append("<p class=\"missing\">No compute budget has runs at three or more model sizes.</p>\n</section>\n");
            return;
        }
        AppendFigure(html, ScalingPlots.IsoFlop(data.MetricName, budgets), half: false);
        var rows = profiles.Select(p => (IReadOnlyList<string>)
        [
            Q(p.Compute), p.SampledParameters.Length.ToString(CultureInfo.InvariantCulture),
            p.Used ? Q(p.OptimalParameters) + (p.OptimumInside ? "" : " (outside the sampled sizes)") : "no minimum (parabola opens downwards)",
            p.Used ? Quantity.Format(p.MinimumLoss) : "–",
        ]).ToArray();
        AppendTable(html, new ReportTable("", ["budget C [FLOPs]", "runs", "N* [parameters]", $"{data.MetricName} at N*"], rows,
            "Parabola in ln N per budget (Hoffmann et al. 2022 approach 2)."), null, nested: true, numericColumns: [0, 1, 2, 3]);
        html.Append("</section>\n");
    }
}
