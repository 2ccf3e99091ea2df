using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Plots.Reports;
using ScaleLab.Store;
using ScaleLab.Studies;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// What the study commands share: opening the store, Ctrl-C, progress (a Spectre bar on a terminal,
/// plain lines when output is redirected or CI=true), the regimes table and the JSON document
/// (schema <c>scalelab.study/1</c>).
/// </summary>
internal static class StudyConsole
{
    public const int Cancelled = 130;

    public static bool Interactive =>
        !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A token cancelled by the first Ctrl-C; a second Ctrl-C ends the process (finished runs are already stored).</summary>
    public static CancellationTokenSource HookCtrlC()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (cts.IsCancellationRequested) return;
            e.Cancel = true;
            Console.Error.WriteLine("cancelling: runs in flight are abandoned, finished runs are kept (Ctrl-C again to quit at once)");
            cts.Cancel();
        };
        return cts;
    }

    /// <summary>
    /// Executes the plan, fits its regimes, prints the table (or JSON) and writes the HTML report to
    /// <paramref name="reportPath"/> (none when null, cancelled or when no run of the study finished).
    /// Returns the exit code.
    /// </summary>
    public static int Execute(StudyPlan plan, string storePath, int? workers, int resamples, bool json, string? reportPath,
        StudyEpilogue? epilogue = null)
    {
        using var cts = HookCtrlC();
        using var store = RunStore.Open(storePath, TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System, workers);
        StudyExecution execution;
        try
        {
            if (!json) Console.WriteLine($"study '{plan.Name}' (seed {plan.Seed}): {plan.Runs.Count} runs on {runner.Workers} worker(s), store {storePath}");
            execution = json || !Interactive
                ? runner.Run(plan, StudyTrainer.Train, json ? null : new PlainProgress(), cts.Token)
                : RunWithBar(runner, plan, cts.Token);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("study ", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Program.BadInput;
        }

        int failed = execution.Executed.Count(r => r.Status == RunStatus.Failed);
        var document = new JsonObject
        {
            ["schema"] = "scalelab.study/1",
            ["study"] = plan.Name,
            ["seed"] = plan.Seed,
            ["store"] = Path.GetFullPath(storePath),
            ["runs"] = new JsonObject
            {
                ["planned"] = plan.Runs.Count, ["executed"] = execution.Executed.Count, ["skipped"] = execution.Skipped,
                ["failed"] = failed, ["missing"] = execution.Missing,
            },
            ["cancelled"] = execution.Cancelled,
            ["wallSeconds"] = Math.Round(execution.WallSeconds, 3),
        };
        if (!json)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{execution.Executed.Count} run(s) executed, {execution.Skipped} already in the store, {failed} failed, {execution.WallSeconds:F1} s"));
            foreach (var run in execution.Executed.Where(r => r.Status == RunStatus.Failed))
            {
                Console.WriteLine($"  failed {run.RunId} {run.Kind} {run.Group}: {run.Error}");
            }
        }
        if (execution.Cancelled)
        {
            if (json) Console.WriteLine(document.ToJsonString(JsonOptions));
            else Console.WriteLine($"cancelled: {execution.Missing} run(s) missing; run the same command again to finish them");
            return Cancelled;
        }

        var fits = RegimeAnalysis.FitAll(plan, store, resamples);
        document["regimes"] = new JsonArray([.. fits.Select(RegimeJson)]);
        if (!json) PrintRegimes(fits);
        var extra = epilogue?.Invoke(fits, document, json);
        bool written = reportPath is null || WriteReport(store, plan, fits, reportPath, document, json, extra);
        if (json) Console.WriteLine(document.ToJsonString(JsonOptions));
        return failed > 0 || !written ? 1 : 0;
    }

    /// <summary>Writes the study's report unless no run of it finished; false when the file could not be written.</summary>
    private static bool WriteReport(RunStore store, StudyPlan plan, IReadOnlyList<RegimeFit> fits, string path, JsonObject document, bool json,
        ReportTable? extra)
    {
        var runs = store.Runs(plan.Name);
        if (!runs.Any(r => r.Status == RunStatus.Finished))
        {
            if (!json) Console.WriteLine("no run of the study finished: no report written");
            return true;
        }
        var full = Path.GetFullPath(path);
        try
        {
            HtmlReport.Write(full, StudyReport.Build(store.FindStudy(plan.Name)!, runs, fits, regimesStored: true, title: null, extra));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: report {full}: {e.Message}");
            return false;
        }
        document["report"] = full;
        if (!json) Console.WriteLine($"report: {full}");
        return true;
    }

    private static readonly HashSet<string> OwnCodes = ["runs-left-out", "non-positive-metric", "too-few-sizes"];

    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true };

    public static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static StudyExecution RunWithBar(StudyRunner runner, StudyPlan plan, CancellationToken token)
    {
        StudyExecution? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("runs", maxValue: plan.Runs.Count);
                result = runner.Run(plan, StudyTrainer.Train, new BarProgress(task), token);
            });
        return result!;
    }

    /// <summary>Headers of <see cref="RegimeRow"/>.</summary>
    public static IReadOnlyList<string> RegimeHeader { get; } = ["regime", "runs", "range", "alpha", "95% interval", "theory", "in interval"];

    /// <summary>One regime as table cells: name, runs fitted, range, measured exponent and interval, theory, agreement.</summary>
    public static string[] RegimeRow(RegimeFit f) =>
    [
        f.Regime.Name,
        f.Points.ToString(CultureInfo.InvariantCulture),
        $"{(f.Regime.Variable == Data.ScaleVariable.Parameters ? "N" : "D")} {Number(f.Range.Min)}..{Number(f.Range.Max)}",
        Number(f.Alpha),
        $"[{Number(f.Lower)}, {Number(f.Upper)}]",
        f.Regime.TheoryLabel == Number(f.Regime.TheoryExponent) ? f.Regime.TheoryLabel : $"{f.Regime.TheoryLabel} = {Number(f.Regime.TheoryExponent)}",
        f.Fit is null ? "no fit" : f.AgreesWithTheory ? "yes" : "no",
    ];

    /// <summary>What the alpha and interval columns mean, for the fits given.</summary>
    public static string RegimeLegend(IReadOnlyList<RegimeFit> fits)
    {
        var methods = fits.Where(f => f.Fit is not null).Select(f => f.IntervalMethod.Split(',')[0]).Distinct();
        return $"alpha: exponent of y = (x_c/x)^alpha (Kaplan form; least squares on log y); interval: {string.Join("; ", methods)}";
    }

    /// <summary>
    /// The findings worth showing beside a regime: errors and the regime analysis's own warnings. The optimizer's
    /// own warnings stay in --json: on these two-parameter linear fits they flag round-off, not failures.
    /// </summary>
    public static IEnumerable<Diagnostic> Notable(RegimeFit fit) =>
        fit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && OwnCodes.Contains(d.Code)));

    private static void PrintRegimes(IReadOnlyList<RegimeFit> fits)
    {
        if (fits.Count == 0) return;
        var rows = fits.Select(RegimeRow).ToArray();
        var header = RegimeHeader;
        if (Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var h in header) table.AddColumn(h);
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
        else
        {
            var widths = header.Select((h, j) => Math.Max(h.Length, rows.Max(r => r[j].Length))).ToArray();
            Console.WriteLine(string.Join("  ", header.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
            foreach (var row in rows) Console.WriteLine(string.Join("  ", row.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
        }
        Console.WriteLine(RegimeLegend(fits));
        if (fits.Any(f => f.Diagnostics.Any(d => d.Code == "few-runs")))
        {
            Console.WriteLine("  with fewer than 8 runs in a regime the bootstrap interval understates the uncertainty");
        }
        foreach (var f in fits)
        {
            if (f.Regime.Note is { } note) Console.WriteLine($"  {f.Regime.Name}: {note}");
            foreach (var d in Notable(f))
            {
                Console.WriteLine($"  {f.Regime.Name}: {d}");
            }
        }
    }

    private static JsonObject RegimeJson(RegimeFit f) => new()
    {
        ["name"] = f.Regime.Name,
        ["variable"] = f.Regime.Variable.ToString(),
        ["metric"] = f.Regime.Metric,
        ["points"] = f.Points,
        ["alpha"] = Finite(f.Alpha),
        ["lower"] = Finite(f.Lower),
        ["upper"] = Finite(f.Upper),
        ["intervalMethod"] = f.IntervalMethod,
        ["theory"] = f.Regime.TheoryExponent,
        ["theoryLabel"] = f.Regime.TheoryLabel,
        ["note"] = f.Regime.Note,
        ["agreesWithTheory"] = f.Fit is not null && f.AgreesWithTheory,
        ["status"] = f.Fit?.Status.ToString(),
        ["diagnostics"] = new JsonArray([.. f.Diagnostics.Select(d => (JsonNode)new JsonObject
        {
            ["severity"] = d.Severity.ToString().ToLowerInvariant(), ["code"] = d.Code, ["message"] = d.Message,
        })]),
    };

    public static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private sealed class PlainProgress : IProgress<StudyProgress>
    {
        private readonly Lock _gate = new();

        public void Report(StudyProgress value)
        {
            lock (_gate)
            {
                if (value.Last is not { } run)
                {
                    if (value.Skipped > 0) Console.WriteLine($"{value.Skipped} of {value.Total} run(s) already finished in the store");
                    return;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{value.Done}/{value.Total}] {run.Group} {run.Key[..12]} {value.LastSeconds:F1} s{(value.Failed > 0 ? $" ({value.Failed} failed)" : "")}"));
            }
        }
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            task.Value = value.Done;
            task.Description = value.Failed > 0 ? $"runs ({value.Failed} failed)" : "runs";
        }
    }
}
