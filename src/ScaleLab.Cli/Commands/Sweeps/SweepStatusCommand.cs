using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Serialization;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Driving;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary><c>scalelab sweep status FILE [--watch [SECONDS]] [--json]</c>: runs by state, the failures with their log tails, the current fit and the prediction at the target.</summary>
internal static class SweepStatusCommand
{
    private static readonly SweepRunState[] Order =
    [
        SweepRunState.Finished, SweepRunState.Running, SweepRunState.Queued, SweepRunState.Starting, SweepRunState.Retrying, SweepRunState.Orphaned,
        SweepRunState.Failed, SweepRunState.Cancelled, SweepRunState.NotStarted,
    ];

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the sweep file (TOML)" };
        var store = StoreOption.Create();
        var watch = new Option<double?>("--watch") { Description = "print the status again every SECONDS (default 10) until no run is in flight", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "print JSON (schema scalelab.sweep-status/1)" };
        var command = new Command("status", "Where a sweep stands: runs by state, failures, the current fit and its prediction at the target") { file, store, watch, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (SweepConsole.Load(parse.GetValue(file)!, error) is not { } definition) return Program.BadInput;
            if (SweepConsole.Plan(definition, error, cancellationToken) is not { } plan) return Program.BadInput;
            bool watching = parse.GetResult(watch) is not null;
            double every = parse.GetValue(watch) ?? 10;
            if (!(every > 0) || !double.IsFinite(every)) return BadInputGuard.Fail(parse, "--watch: give a positive number of seconds");
            if (!StoreOption.TryOpen(parse.GetValue(store)!, mustExist: true, error, out var opened)) return Program.BadInput;
            using var runStore = opened;
            while (true)
            {
                var status = SweepStatus.Read(runStore, plan, DateTimeOffset.UtcNow, cancellationToken);
                if (parse.GetValue(json)) output.WriteLine(JsonOutput.ToText(Json(plan, runStore.Path, status)));
                else Print(output, plan, runStore.Path, status);
                if (!watching || status.Settled) return status.Count(SweepRunState.Failed) > 0 ? 1 : 0;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(every), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }
                output.WriteLine();
            }
        });
        return command;
    }

    private static void Print(TextWriter output, SweepPlan plan, string store, SweepStatus status)
    {
        output.WriteLine($"sweep '{plan.Definition.Name}' (store {store}): {plan.Runs.Count} runs");
        output.WriteLine("  " + string.Join(", ", Order.Where(s => status.Count(s) > 0).Select(s => $"{Name(s)} {status.Count(s)}")));
        if (status.OutsideGrid > 0) output.WriteLine($"  {status.OutsideGrid} stored run(s) outside the current grid (fitted too)");
        foreach (var (key, state) in status.Runs.Where(r => status.Errors.ContainsKey(r.Key)))
        {
            output.WriteLine($"  {Name(state)} {key[..12]} {SweepConsole.Describe(plan.Runs.First(r => r.Key == key))}: {status.Errors[key]}");
        }
        output.WriteLine("  " + SweepConsole.FitLine(status.Fit));
    }

    private static JsonObject Json(SweepPlan plan, string store, SweepStatus status) => new()
    {
        ["schema"] = "scalelab.sweep-status/1",
        ["sweep"] = plan.Definition.Name,
        ["store"] = store,
        ["runs"] = new JsonObject([.. Order.Select(s => KeyValuePair.Create(Key(s), (JsonNode?)status.Count(s))).Prepend(KeyValuePair.Create("total", (JsonNode?)plan.Runs.Count))]),
        ["outsideGrid"] = status.OutsideGrid,
        ["settled"] = status.Settled,
        ["problems"] = new JsonArray([.. status.Runs.Where(r => status.Errors.ContainsKey(r.Key)).Select(r => (JsonNode)new JsonObject
        {
            ["run"] = r.Key[..12], ["state"] = Key(r.State), ["error"] = status.Errors[r.Key],
        })]),
        ["jobs"] = new JsonObject(status.Jobs.Select(j => KeyValuePair.Create(j.Key[..12], (JsonNode?)j.Value))),
        ["fit"] = SweepConsole.FitJson(status.Fit),
    };

    private static string Name(SweepRunState state) => state switch
    {
        SweepRunState.NotStarted => "not started",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Key(SweepRunState state) => state switch
    {
        SweepRunState.NotStarted => "notStarted",
        _ => char.ToLowerInvariant(state.ToString()[0]) + state.ToString()[1..],
    };
}
