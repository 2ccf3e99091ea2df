using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.Serialization;
using ScaleLab.Store;
using ScaleLab.Studies.Execution;
using ScaleLab.Studies.Execution.Slurm;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Driving;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>
/// <c>scalelab sweep run FILE [--executor slurm …] [--dry-run]</c>: runs every run of the sweep the
/// store does not hold finished, locally or as Slurm array jobs, writing each result the moment it
/// arrives and refitting; started again (after Ctrl-C, a crash, SIGKILL) it takes over what is still
/// running and runs only what is missing.
/// </summary>
internal static class SweepRunCommand
{
    public static Command Create()
    {
        var options = new SweepRunOptions();
        var command = new Command("run", "Run a sweep locally or on Slurm into the store, refitting as results arrive; resumable");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, options, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, SweepRunOptions options, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (SweepConsole.Load(parse.GetValue(options.File)!, error) is not { } loaded) return Program.BadInput;
        if (options.Apply(parse, loaded, out var problem) is not { } definition) return BadInputGuard.Fail(parse, problem);
        if (SweepConsole.Plan(definition, error, cancellationToken) is not { } plan) return Program.BadInput;
        bool slurm = parse.GetValue(options.Executor) == "slurm";
        string runs = SweepConsole.RunsDirectory(definition, parse.GetValue(options.RunsDirectory));
        string location = parse.GetValue(options.Store)!;
        if (parse.GetValue(options.DryRun))
        {
            DryRun(output, plan, slurm, runs, SweepConsole.JobName(definition, StoreOption.Shown(location)));
            return 0;
        }

        if (!StoreOption.TryOpen(location, mustExist: false, error, out var opened)) return Program.BadInput;
        using var store = opened;
        string? name = parse.GetValue(options.Worker);
        using var held = DriverLock.TryAcquire(runs, name, out var holder);
        if (held is null)
        {
            return BadInputGuard.Fail(parse, $"another driver (process {(holder.Length > 0 ? holder : "?")}) runs this sweep from {runs}{(name is null ? "" : $" as {name}")}: wait for it, or give --worker NAME to run one beside it");
        }
        File.Delete(SweepCancelCommand.Marker(runs));
        string worker = SweepConsole.Worker(runs, name);
        var lease = options.LeaseOf(parse);
        var ledger = new StoreLedger(store, definition.Name, worker, lease, slurm ? SlurmExecutor.CanFollow : LocalJob.Is);
        var factory = SweepCommands.Factory(definition);
        var client = new SlurmClient();
        IRunExecutor executor = slurm
            ? new SlurmExecutor(factory, new SlurmExecutorOptions
            {
                RunsDirectory = runs, JobName = SweepConsole.JobName(definition, store.Path), Slurm = definition.Slurm, Timeout = definition.Timeout,
                Retry = definition.Retry, RetryPreemption = definition.RetryPreemption, Result = definition.Result, Defaults = SweepCommands.Planned, Ledger = ledger,
            }, client, TimeProvider.System)
            : new ProcessExecutor(factory, new ProcessExecutorOptions
            {
                RunsDirectory = runs, Workers = definition.Workers ?? Environment.ProcessorCount, Timeout = definition.Timeout, Retry = definition.Retry,
                Result = definition.Result, Defaults = SweepCommands.Planned, Ledger = ledger,
            }, TimeProvider.System);
        var driver = new SweepDriver(store, plan, ledger, TimeProvider.System, lease / 3) { Refit = !parse.GetValue(options.NoRefit) };
        bool json = parse.GetValue(options.Json);
        if (!json)
        {
            output.WriteLine(slurm
                ? $"sweep '{definition.Name}': {plan.Runs.Count} runs as Slurm array jobs, store {store.Path}, runs in {runs}"
                : $"sweep '{definition.Name}': {plan.Runs.Count} runs on {executor.Workers} local worker(s), store {store.Path}, runs in {runs}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = SweepCancelCommand.Watch(runs, stop);
        SweepOutcome outcome;
        using (cancellationToken.Register(() => error.WriteLine(slurm
            ? "stopping: queued and running Slurm tasks go on (sweep run follows them again, sweep cancel stops them); finished runs are kept"
            : "cancelling: runs in flight are stopped, finished runs are kept")))
        {
            try
            {
                outcome = await driver.RunAsync(executor, json ? null : new SweepProgressPrinter(output, definition.Metric), stop.Token).ConfigureAwait(false);
            }
            catch (SlurmException e)
            {
                return BadInputGuard.Fail(parse, e.Message);
            }
        }
        bool cancelled = stop.IsCancellationRequested && outcome.Cancelled;
        if (json) output.WriteLine(JsonOutput.ToText(Json(definition, plan, store, outcome, slurm, client, cancelled)));
        else Summary(output, plan, outcome, slurm, client, cancelled);
        if (cancelled) return StudyConsole.Cancelled;
        return outcome.Missing > 0 ? 1 : 0;
    }

    private static void Summary(TextWriter output, SweepPlan plan, SweepOutcome outcome, bool slurm, SlurmClient client, bool cancelled)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Finished} run(s) finished now, {outcome.Skipped} already in the store, {outcome.Failed.Count} failed, {outcome.WallSeconds:F1} s"));
        foreach (var (key, error) in outcome.Failed) output.WriteLine($"  failed {key[..12]} {SweepConsole.Describe(plan.Runs.First(r => r.Key == key))}: {error}");
        if (outcome.Elsewhere.Count > 0) output.WriteLine($"  {outcome.Elsewhere.Count} run(s) left to other drivers: {string.Join("; ", outcome.Elsewhere.Values.Distinct().Take(3))}");
        if (slurm) output.WriteLine($"  Slurm calls: {string.Join(", ", client.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
        if (outcome.Fit is { } fit) output.WriteLine("  " + SweepConsole.FitLine(fit));
        if (cancelled) output.WriteLine($"cancelled: {outcome.Missing} run(s) missing; run the same command again to finish them");
    }

    private static JsonObject Json(SweepDefinition definition, SweepPlan plan, RunStore store, SweepOutcome outcome, bool slurm, SlurmClient client, bool cancelled)
    {
        var document = new JsonObject
        {
            ["schema"] = "scalelab.sweep-run/1",
            ["sweep"] = definition.Name,
            ["store"] = store.Path,
            ["executor"] = slurm ? "slurm" : "local",
            ["runs"] = new JsonObject
            {
                ["planned"] = plan.Runs.Count, ["finished"] = outcome.Finished, ["skipped"] = outcome.Skipped, ["failed"] = outcome.Failed.Count,
                ["elsewhere"] = outcome.Elsewhere.Count, ["missing"] = outcome.Missing,
            },
            ["failures"] = new JsonArray([.. outcome.Failed.Select(f => (JsonNode)new JsonObject { ["run"] = f.Key[..12], ["error"] = f.Value })]),
            ["cancelled"] = cancelled,
            ["wallSeconds"] = Math.Round(outcome.WallSeconds, 3),
        };
        if (slurm) document["slurmCalls"] = new JsonObject(client.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        if (outcome.Fit is { } fit) document["fit"] = SweepConsole.FitJson(fit);
        return document;
    }

    private static void DryRun(TextWriter output, SweepPlan plan, bool slurm, string runs, string jobName)
    {
        var definition = plan.Definition;
        var factory = SweepCommands.Factory(definition);
        output.WriteLine($"sweep '{definition.Name}': {plan.Runs.Count} runs ({definition.Grid.Kind} grid), run folders in {runs}; nothing is run (--dry-run)");
        if (plan.PriorSource is { } source) output.WriteLine($"IsoFLOP sizes placed around the optimum of {source}");
        foreach (var run in plan.Runs)
        {
            string directory = RunInvocation.DirectoryOf(runs, run);
            var command = factory(new RunInvocation(run, 1, directory, Path.Combine(directory, "result.json")));
            output.WriteLine($"{run.Key[..12]} {SweepConsole.Describe(run)}: {command}");
        }
        if (!slurm) return;
        var executor = new SlurmExecutor(factory, new SlurmExecutorOptions
        {
            RunsDirectory = runs, JobName = jobName, Slurm = definition.Slurm, Timeout = definition.Timeout, Retry = definition.Retry,
        }, new SlurmClient(), TimeProvider.System);
        output.WriteLine();
        output.WriteLine($"# job script: submitted with sbatch --parsable --hold, released with scontrol release once each task is recorded");
        output.Write(executor.Script(plan.Runs));
    }
}
