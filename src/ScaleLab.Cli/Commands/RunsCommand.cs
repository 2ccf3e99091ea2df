using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScaleLab.IO;
using ScaleLab.Serialization;
using ScaleLab.Store;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab runs list</c> and <c>scalelab runs export --format csv</c>: what the store holds.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Show or export the runs held in the store");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Export());
        return command;
    }

    private static (Option<string> Store, Option<string?> Study) Common() =>
        (StoreOption.Create(),
         new Option<string?>("--study") { Description = "only this study" });

    private static Command List()
    {
        var (store, study) = Common();
        var json = new Option<bool>("--json") { Description = "print JSON (schema scalelab.runs/1)" };
        var command = new Command("list", "List studies and runs") { store, study, json };
        command.SetAction(parse =>
        {
            if (!TryOpen(parse, parse.GetValue(store)!, out var runStore)) return Program.BadInput;
            var output = parse.InvocationConfiguration.Output;
            using (runStore)
            {
                var name = parse.GetValue(study);
                var runs = runStore.Runs(name);
                var studies = runStore.Studies().Where(s => name is null || s.Name == name).ToArray();
                if (parse.GetValue(json))
                {
                    var doc = new JsonObject
                    {
                        ["schema"] = "scalelab.runs/1",
                        ["studies"] = new JsonArray([.. studies.Select(s => (JsonNode)new JsonObject
                        {
                            ["name"] = s.Name, ["seed"] = s.Seed, ["description"] = s.Description, ["created"] = s.Created.ToString("O", CultureInfo.InvariantCulture),
                        })]),
                        ["runs"] = new JsonArray([.. runs.Select(RunJson)]),
                    };
                    output.WriteLine(JsonOutput.ToText(doc));
                    return 0;
                }
                foreach (var s in studies)
                {
                    var own = runs.Where(r => r.Study == s.Name).ToArray();
                    output.WriteLine($"study {s.Name} (seed {s.Seed}): {own.Count(r => r.Status == RunStatus.Finished)} finished, {own.Count(r => r.Status == RunStatus.Failed)} failed — {s.Description}");
                }
                if (runs.Count == 0) return 0;
                string[] header = ["run", "study", "group", "status", "N", "D", "C", "loss", "seconds"];
                var rows = runs.Select(r => new[]
                {
                    r.RunId, r.Study, r.Group, r.Status == RunStatus.Finished ? r.Outcome!.Ending : "failed",
                    r.Outcome is { } o ? StudyConsole.Number(o.Parameters.Value) : "",
                    r.Outcome?.Tokens is { } d ? StudyConsole.Number(d.Value) : r.Outcome is null ? "" : "inf",
                    r.Outcome?.Compute is { } c ? StudyConsole.Number(c.Value) : "",
                    r.Outcome?.HeldOut.TryGetValue("loss", out var loss) == true ? StudyConsole.Number(loss) : "",
                    r.WallSeconds.ToString("F1", CultureInfo.InvariantCulture),
                }).ToArray();
                var widths = header.Select((h, j) => Math.Max(h.Length, rows.Max(r => r[j].Length))).ToArray();
                output.WriteLine(string.Join("  ", header.Select((h, j) => h.PadRight(widths[j]))).TrimEnd());
                foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
                return 0;
            }
        });
        return command;
    }

    private static Command Export()
    {
        var (store, study) = Common();
        var format = new Option<string>("--format") { Description = "output format: csv", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo?>("--output") { Description = "file to write (default: standard output)" };
        var selection = new DataOptions();
        var command = new Command("export", "Write the finished runs as CSV that `scalelab fit` reads (columns parameters, tokens, compute, loss)")
        {
            store, study, format, output, selection.Where, selection.GroupBy,
        };
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            if (!string.Equals(parse.GetValue(format), "csv", StringComparison.OrdinalIgnoreCase))
            {
                return StudyOptions.BadInput(parse, $"--format: '{parse.GetValue(format)}' is not supported (supported: csv)");
            }
            var where = selection.Predicate(parse);
            var groupBy = selection.GroupColumns(parse);
            if (!TryOpen(parse, parse.GetValue(store)!, out var runStore)) return Program.BadInput;
            using (runStore)
            {
                var name = parse.GetValue(study);
                var runs = runStore.Runs(name);
                var label = name is null ? $"runs of {parse.GetValue(store)}" : $"study {name}";
                // Selected before anything is written: a bad expression or column leaves no file.
                var selected = RunSelection.Select(runs, where, groupBy, label);
                DataOptions.Announce(parse, label, selected.Diagnostics);
                var file = parse.GetValue(output);
                if (file is null)
                {
                    RunCsv.Write(parse.InvocationConfiguration.Output, selected.Runs);
                }
                else
                {
                    // The whole CSV or nothing: an earlier export survives a full disk or a folder that is not there.
                    try
                    {
                        AtomicFile.Write(file.ToString(), stream =>
                        {
                            using var writer = new StreamWriter(stream, AtomicFile.Utf8, 1 << 16, leaveOpen: true);
                            RunCsv.Write(writer, selected.Runs);
                        });
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        return StudyOptions.BadInput(parse, ex.Message);
                    }
                }
                int left = runs.Count - RunCsv.Exported(runs).Count;
                if (left > 0) parse.InvocationConfiguration.Error.WriteLine($"{left} run(s) not exported: failed, or trained on infinite data (no D)");
                return 0;
            }
        }));
        return command;
    }

    private static bool TryOpen(ParseResult parse, string location, out RunStore store) =>
        StoreOption.TryOpen(location, mustExist: true, parse.InvocationConfiguration.Error, out store);

    private static JsonNode RunJson(RunRecord r) => new JsonObject
    {
        ["runId"] = r.RunId,
        ["key"] = r.Key,
        ["study"] = r.Study,
        ["kind"] = r.Kind,
        ["group"] = r.Group,
        ["specification"] = JsonNode.Parse(r.Specification),
        ["seed"] = r.Seed,
        ["status"] = r.Status == RunStatus.Finished ? "finished" : "failed",
        ["error"] = r.Error,
        ["parameters"] = r.Outcome?.Parameters.Value,
        ["parameterCounting"] = r.Outcome?.ParameterCounting,
        ["tokens"] = r.Outcome?.Tokens?.Value,
        ["tokenUnit"] = r.Outcome?.TokenUnit,
        ["compute"] = r.Outcome?.Compute?.Value,
        ["computeCounting"] = r.Outcome?.ComputeCounting,
        ["ending"] = r.Outcome?.Ending,
        ["steps"] = r.Outcome?.Steps,
        ["train"] = r.Outcome is { } o ? Metrics(o.Train) : null,
        ["heldOut"] = r.Outcome is { } h ? Metrics(h.HeldOut) : null,
        ["wallSeconds"] = r.WallSeconds,
        ["created"] = r.Created.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, StudyConsole.Finite(p.Value))));
}
