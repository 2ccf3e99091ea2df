using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Experiments.Companion;
using ScaleLab.Plots.Reports;
using ScaleLab.Quantities;
using ScaleLab.Serialization;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Studies.Execution;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// What the study commands share: opening the store, finding the training companion, executing
/// the pending runs as its processes, progress (a bar on a terminal, plain lines when output is
/// captured or CI=true), the regimes table with what each exponent means, and the JSON document
/// (schema <c>scalelab.study/1</c>). Everything is written through the writers it is given.
/// </summary>
internal static class StudyConsole
{
    public const int Cancelled = 130;

    /// <summary>How long the companion's start-up check may take (it loads libtorch).</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(2);

    /// <summary><see cref="ExecuteAsync"/> to completion, without cancellation.</summary>
    public static int Execute(StudyPlan plan, StudySettings settings, TextWriter output, TextWriter error, StudyEpilogue? epilogue = null) =>
        ExecuteAsync(plan, settings, output, error, epilogue, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Executes the plan's pending runs with the training companion, fits its regimes, prints the
    /// table (or JSON) and writes the HTML report (none when cancelled or when no run of the study
    /// finished). Returns the exit code: 0, 1 when a run failed or the report could not be written,
    /// 2 for bad input (a missing companion included), 130 when cancelled.
    /// </summary>
    public static async Task<int> ExecuteAsync(StudyPlan plan, StudySettings settings, TextWriter output, TextWriter error, StudyEpilogue? epilogue,
        CancellationToken cancellationToken)
    {
        var console = Terminal.Create(output);
        bool json = settings.Json;
        // Every run of a new store is pending: without a companion nothing is created, not even the store.
        bool fresh = !File.Exists(settings.StorePath);
        var companion = fresh ? await CompanionAsync(settings, error, cancellationToken).ConfigureAwait(false) : null;
        if (fresh && companion is null) return Program.BadInput;
        using var store = RunStore.Open(settings.StorePath, TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System, settings.Workers);
        if (companion is null && runner.Pending(plan).Count > 0)
        {
            companion = await CompanionAsync(settings, error, cancellationToken).ConfigureAwait(false);
            if (companion is null) return Program.BadInput;
        }
        var executor = Executor(companion, plan, settings);
        StudyExecution execution;
        using (cancellationToken.Register(() => error.WriteLine("cancelling: runs in flight are stopped, finished runs are kept")))
        {
            try
            {
                if (!json)
                {
                    output.WriteLine($"study '{plan.Name}' (seed {plan.Seed}): {plan.Runs.Count} runs on {executor.Workers} worker(s), store {settings.StorePath}");
                }
                execution = !json && console.Profile.Capabilities.Interactive
                    ? await StudyProgressDisplay.WithBarAsync(console, plan, progress => runner.RunAsync(plan, executor, progress, cancellationToken)).ConfigureAwait(false)
                    : await runner.RunAsync(plan, executor, json ? null : StudyProgressDisplay.Plain(output), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("study ", StringComparison.Ordinal))
            {
                error.WriteLine($"error: {e.Message}");
                return Program.BadInput;
            }
        }

        int failed = execution.Executed.Count(r => r.Status == RunStatus.Failed);
        var document = new JsonObject
        {
            ["schema"] = "scalelab.study/1",
            ["study"] = plan.Name,
            ["seed"] = plan.Seed,
            ["store"] = Path.GetFullPath(settings.StorePath),
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
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{execution.Executed.Count} run(s) executed, {execution.Skipped} already in the store, {failed} failed, {execution.WallSeconds:F1} s"));
            foreach (var run in execution.Executed.Where(r => r.Status == RunStatus.Failed))
            {
                output.WriteLine($"  failed {run.RunId} {run.Kind} {run.Group}: {run.Error}");
            }
        }
        if (execution.Cancelled)
        {
            if (json) output.WriteLine(JsonOutput.ToText(document));
            else output.WriteLine($"cancelled: {execution.Missing} run(s) missing; run the same command again to finish them");
            return Cancelled;
        }

        var fits = RegimeAnalysis.FitAll(plan, store, settings.Resamples, cancellationToken: cancellationToken);
        document["regimes"] = new JsonArray([.. fits.Select(RegimeJson)]);
        if (plan.Symbols.Count > 0) document["symbols"] = new JsonObject(plan.Symbols.Select(s => KeyValuePair.Create(s.Symbol, (JsonNode?)s.Meaning)));
        if (!json) PrintRegimes(console, output, fits, plan.Symbols);
        var extra = epilogue?.Invoke(fits, document, json ? null : output);
        bool written = settings.ReportPath is null || WriteReport(store, plan, fits, settings.ReportPath, document, json ? null : output, error, extra);
        if (json) output.WriteLine(JsonOutput.ToText(document));
        return failed > 0 || !written ? 1 : 0;
    }

    /// <summary>The training companion, found and checked (libtorch loads); null after writing why not.</summary>
    private static async Task<TrainerCompanion?> CompanionAsync(StudySettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        var companion = TrainerCompanion.Locate(settings.Trainer, out var problem);
        if (companion is not null) problem = await companion.CheckAsync(CheckTimeout, cancellationToken).ConfigureAwait(false) ?? "";
        if (problem.Length == 0) return companion;
        error.WriteLine("error: " + problem);
        return null;
    }

    /// <summary>The process executor over the training companion (null when no run is pending: it is then never asked for a command).</summary>
    private static ProcessExecutor Executor(TrainerCompanion? companion, StudyPlan plan, StudySettings settings)
    {
        var options = new ProcessExecutorOptions
        {
            RunsDirectory = settings.RunsDirectory(plan.Name),
            Workers = settings.Workers ?? Environment.ProcessorCount,
            Timeout = settings.Timeout,
            Retry = new RetryPolicy { MaxAttempts = settings.Retries + 1 },
        };
        return new ProcessExecutor(invocation => (companion ?? throw new InvalidOperationException("no training companion")).CommandFor(invocation), options,
            TimeProvider.System);
    }

    /// <summary>Writes the study's report unless no run of it finished; false when the file could not be written.</summary>
    private static bool WriteReport(RunStore store, StudyPlan plan, IReadOnlyList<RegimeFit> fits, string path, JsonObject document, TextWriter? text,
        TextWriter error, ReportTable? extra)
    {
        var runs = store.Runs(plan.Name);
        if (!runs.Any(r => r.Status == RunStatus.Finished))
        {
            text?.WriteLine("no run of the study finished: no report written");
            return true;
        }
        var full = Path.GetFullPath(path);
        try
        {
            HtmlReport.Write(full, StudyReport.Build(store.FindStudy(plan.Name)!, runs, fits, regimesStored: true, title: null, extra, plan.Symbols));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: report {full}: {e.Message}");
            return false;
        }
        document["report"] = full;
        text?.WriteLine($"report: {full}");
        return true;
    }

    private static readonly HashSet<string> OwnCodes = ["runs-left-out", "non-positive-metric", "too-few-sizes"];

    public static string Number(double value) => Quantity.Format(value, 4);

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
        TheoryText(f.Regime),
        f.Fit is null ? "no fit" : f.AgreesWithTheory ? "yes" : "no",
    ];

    /// <summary>What the alpha and interval columns mean, for the fits given.</summary>
    public static string RegimeLegend(IReadOnlyList<RegimeFit> fits)
    {
        var methods = fits.Where(f => f.Fit is not null).Select(f => f.IntervalMethod.Split(',')[0]).Distinct();
        return $"alpha: exponent of y = (x_c/x)^alpha fitted to each regime (y its metric, x its swept size N or D, x_c a fitted scale; least squares on log y); interval: {string.Join("; ", methods)}";
    }

    /// <summary>
    /// Why a regime's interval misses the theory's exponent, in one line: the finite-size effect that
    /// pushes it that way, or that none is known or that it points the other way. Null when it agrees or was not fitted.
    /// </summary>
    public static string? Explanation(RegimeFit f)
    {
        string side = f.Alpha > f.Regime.TheoryExponent ? "above" : "below";
        string measured = $"alpha = {Number(f.Alpha)} lies {side} {TheoryText(f.Regime)}";
        var effect = f.Regime.FiniteSize;
        string Push(FiniteSizeEffect e) =>
            (e.Direction == ExponentBias.Steeper ? "steepen" : "flatten") + " the slope" + (e.Expected is { } x ? $" to {Number(x)} at these sizes" : "");
        return f.Agreement switch
        {
            TheoryAgreement.FiniteSizeBias => $"{measured}, as expected: finite sizes {Push(effect!)}, because {effect!.Reason}",
            TheoryAgreement.AgainstFiniteSizeBias =>
                $"{measured}, which finite sizes do not explain: they {Push(effect!)}, because {effect!.Reason}",
            TheoryAgreement.Unexplained => $"{measured}; no finite-size effect is known for this regime that would explain it",
            _ => null,
        };
    }

    /// <summary>
    /// The findings worth showing beside a regime: errors and the regime analysis's own warnings. The optimizer's
    /// own warnings stay in --json: on these two-parameter linear fits they flag round-off, not failures.
    /// </summary>
    public static IEnumerable<Diagnostic> Notable(RegimeFit fit) =>
        fit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && OwnCodes.Contains(d.Code)));

    /// <summary>The symbols as one line, e.g. <c>symbols: S, teacher features. P, …</c>.</summary>
    public static string SymbolLine(IReadOnlyList<(string Symbol, string Meaning)> symbols) =>
        "Symbols: " + string.Join(" ", symbols.Select(s => $"{s.Symbol}: {s.Meaning}."));

    private static string TheoryText(Regime r) => r.TheoryLabel == Number(r.TheoryExponent) ? r.TheoryLabel : $"{r.TheoryLabel} = {Number(r.TheoryExponent)}";

    private static void PrintRegimes(IAnsiConsole console, TextWriter output, IReadOnlyList<RegimeFit> fits, IReadOnlyList<(string Symbol, string Meaning)> symbols)
    {
        if (fits.Count == 0) return;
        var rows = fits.Select(RegimeRow).ToArray();
        var header = RegimeHeader;
        if (console.Profile.Capabilities.Interactive)
        {
            var table = new Table().Border(Terminal.Border(console));
            foreach (var h in header) table.AddColumn(h);
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            console.Write(table);
        }
        else
        {
            var widths = header.Select((h, j) => Math.Max(h.Length, rows.Max(r => r[j].Length))).ToArray();
            output.WriteLine(string.Join("  ", header.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
            foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
        }
        output.WriteLine(RegimeLegend(fits));
        if (symbols.Count > 0)
        {
            output.WriteLine("symbols:");
            int width = symbols.Max(s => s.Symbol.Length);
            foreach (var (symbol, meaning) in symbols) output.WriteLine($"  {symbol.PadRight(width)}  {meaning}");
        }
        if (fits.Any(f => f.Diagnostics.Any(d => d.Code == "few-runs")))
        {
            output.WriteLine("  with fewer than 8 runs in a regime the bootstrap interval understates the uncertainty");
        }
        foreach (var f in fits)
        {
            if (f.Regime.Note is { } note) output.WriteLine($"  {f.Regime.Name}: {note}");
            if (Explanation(f) is { } why) output.WriteLine($"  {f.Regime.Name}: {why}");
            foreach (var d in Notable(f)) output.WriteLine($"  {f.Regime.Name}: {d}");
        }
    }

    private static JsonObject RegimeJson(RegimeFit f) => new()
    {
        ["name"] = f.Regime.Name,
        ["variable"] = JsonOutput.Word(f.Regime.Variable.ToString()),
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
        ["agreement"] = JsonOutput.Word(f.Agreement),
        ["finiteSize"] = f.Regime.FiniteSize is { } e ? new JsonObject
        {
            ["direction"] = e.Direction == ExponentBias.Steeper ? "steeper" : "shallower", ["expected"] = e.Expected, ["reason"] = e.Reason,
        } : null,
        ["explanation"] = Explanation(f),
        ["status"] = f.Fit is { } fit ? JsonOutput.Word(fit.Status) : null,
        ["diagnostics"] = JsonOutput.Diagnostics(f.Diagnostics),
    };

    /// <summary>A number in the one JSON convention (non-finite values as named strings).</summary>
    public static JsonNode? Finite(double value) => JsonOutput.Number(value);
}
