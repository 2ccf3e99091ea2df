using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Reports;
using ScaleLab.Serialization;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab report FILE [--fit fit.json]… [--law NAME]… --out report.html</c> and
/// <c>scalelab report --store scalelab.db --study NAME --out report.html</c>: a self-contained HTML report
/// of a data file, or of a study in the run store.
/// </summary>
internal static class ReportCommand
{
    private const string DefaultTitle = "Scaling-law report";

    /// <summary>JSON schema identifier of the summary <c>--json</c> prints.</summary>
    public const string SchemaId = "scalelab.report/1";

    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "CSV, TSV, JSON, JSONL or Parquet file of runs, - for standard input, or a folder or glob of per-run JSON files (or give --store)", Arity = ArgumentArity.ZeroOrOne };
        var input = new DataOptions();
        var fitFiles = new Option<FileInfo[]>("--fit")
        {
            Description = "saved fits to report (scalelab.fit/1 JSON), repeatable; their bootstrap samples give intervals and bands",
            AllowMultipleArgumentsPerToken = true,
        };
        var laws = new Option<string[]>("--law")
        {
            Description = $"laws to fit now and report, repeatable (known: {string.Join(", ", LawRegistry.Names)}); chinchilla when neither --fit nor --law is given",
            AllowMultipleArgumentsPerToken = true,
        };
        var store = new Option<string?>("--store") { Description = "report a study of this run store instead of a data file (with --study)" };
        var study = new Option<string?>("--study") { Description = "the study in --store to report" };
        var resamples = new Option<int>("--resamples")
        {
            Description = "bootstrap resamples for the regime exponent intervals (with --store)", DefaultValueFactory = _ => RegimeAnalysis.DefaultResamples,
        };
        var output = new Option<FileInfo>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => new FileInfo("report.html") };
        var target = new Option<double?>("--target-compute") { Description = "budget in FLOPs to plan for (default 100x the largest in the data)" };
        var title = new Option<string?>("--title") { Description = $"heading of the report (default: '{DefaultTitle}', or the study's name with --store)" };
        var json = new Option<bool>("--json") { Description = $"print a summary as JSON (schema {SchemaId})" };
        var command = new Command("report", "Write a self-contained HTML report: data, fits, plots, plan; or a stored study's regimes")
        {
            file, fitFiles, laws, store, study, resamples, output, target, title, json,
        };
        input.AddTo(command);
        var hardware = new HardwareOptions();
        hardware.AddTo(command);
        command.SetAction((parse, cancellationToken) => Task.FromResult(BadInputGuard.Run(parse, () =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            var compute = parse.GetValue(target);
            var saved = parse.GetValue(fitFiles) ?? [];
            var names = parse.GetValue(laws) ?? [];
            var storePath = parse.GetValue(store);
            var dataFile = parse.GetValue(file);
            if (dataFile is not null && storePath is not null) return BadInputGuard.Fail(parse, "give a data FILE or --store, not both");
            if (dataFile is null && storePath is null) return BadInputGuard.Fail(parse, "give a data FILE, or --store FILE --study NAME");
            if (storePath is not null)
            {
                if (saved.Length > 0 || names.Length > 0 || compute is not null || parse.GetValue(input.DropHighest) != 0)
                {
                    return BadInputGuard.Fail(parse, "--fit, --law, --target-compute and --drop-highest apply to a data FILE, not to --store");
                }
                return FromStore(parse, storePath, parse.GetValue(study), parse.GetValue(resamples), outPath, parse.GetValue(title), parse.GetValue(json), cancellationToken);
            }
            if (parse.GetValue(study) is not null) return BadInputGuard.Fail(parse, "--study needs --store");
            if (compute is { } c && !(double.IsFinite(c) && c > 0)) return BadInputGuard.Fail(parse, $"--target-compute {c}: must be a positive number of FLOPs");
            if (saved.Length == 0 && names.Length == 0) names = ["chinchilla"];
            if (input.Grouped(parse))
            {
                if (saved.Length > 0) return BadInputGuard.Fail(parse, "--fit with --group-by: give --law, which is fitted to each group apart");
                return Grouped(parse, input, dataFile!, names, compute, outPath, parse.GetValue(title) ?? DefaultTitle, parse.GetValue(json), cancellationToken);
            }
            var (data, fits) = CommandInput.Read(parse, input, dataFile!, saved, names, cancellationToken);
            HtmlReport.Write(outPath, new ReportContent { Data = data, Fits = fits, TargetCompute = compute, Hardware = hardware.Read(parse), Title = parse.GetValue(title) ?? DefaultTitle }, cancellationToken);
            var console = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var summary = new JsonObject
                {
                    ["schema"] = SchemaId, ["output"] = outPath, ["runs"] = data.Count,
                    ["fits"] = FitsJson(fits),
                };
                console.WriteLine(JsonOutput.ToText(summary));
            }
            else
            {
                console.WriteLine($"wrote {outPath}: {data.Count} runs, {string.Join(", ", fits.Select(f => $"{f.Fit.Law.Name} {JsonOutput.Word(f.Fit.Status)}"))}");
            }
            return 0;
        })));
        return command;
    }

    // --group-by: the whole data once, then a section per group with each law fitted to the group's rows alone.
    private static int Grouped(ParseResult parse, DataOptions input, string file, IReadOnlyList<string> names, double? compute, string outPath, string title, bool json,
        CancellationToken cancellationToken)
    {
        var (data, _) = CommandInput.Read(parse, input, file, [], [], cancellationToken);
        var laws = names.Select(LawRegistry.Get).ToArray();
        CommandInput.Require(data, laws);
        int needed = laws.Max(l => l.Parameters.Count) + 1;
        var outcomes = RowGroups.Run(data.Groups(), g => RowGroups.TooFew(g, needed, $"a fit of {needed - 1} parameters"),
            (g, _) => (IReadOnlyList<ReportFit>)[.. laws.Select(law => new ReportFit(FittedLaw.Fit(law, g.Data, null, null, cancellationToken)))], cancellationToken);
        var groups = outcomes.Select(o => new ReportGroup(o.Group.Name, o.Group.Data.Count,
            o.Result is { } fits ? new ReportContent { Data = o.Group.Data, Fits = fits, TargetCompute = compute, Title = title } : null, o.Skipped)).ToArray();
        HtmlReport.Write(outPath, new ReportContent { Data = data, Groups = groups, TargetCompute = compute, Title = title }, cancellationToken);
        var console = parse.InvocationConfiguration.Output;
        if (json)
        {
            var summary = new JsonObject
            {
                ["schema"] = SchemaId, ["output"] = outPath, ["runs"] = data.Count,
                ["groupBy"] = new JsonArray([.. data.GroupColumns.Select(c => (JsonNode)c)]),
                ["groups"] = new JsonArray([.. outcomes.Select(o =>
                {
                    var entry = new JsonObject { ["name"] = o.Group.Name, ["runs"] = o.Group.Data.Count };
                    if (o.Result is { } fits) entry["fits"] = FitsJson(fits);
                    else entry["skipped"] = o.Skipped ?? "no report";
                    return (JsonNode)entry;
                })]),
            };
            console.WriteLine(JsonOutput.ToText(summary));
        }
        else
        {
            console.WriteLine($"wrote {outPath}: {data.Count} runs in {outcomes.Count} groups by {string.Join(", ", data.GroupColumns)}");
            foreach (var o in outcomes)
            {
                console.WriteLine($"  {o.Group.Name}: " + (o.Result is { } fits ? string.Join(", ", fits.Select(f => $"{f.Fit.Law.Name} {JsonOutput.Word(f.Fit.Status)}")) : $"skipped ({o.Skipped})"));
            }
        }
        return 0;
    }

    private static JsonArray FitsJson(IEnumerable<ReportFit> fits) => new([.. fits.Select(f => (JsonNode)new JsonObject
    {
        ["law"] = f.Fit.Law.Name, ["status"] = JsonOutput.Word(f.Fit.Status), ["parameters"] = JsonOutput.Numbers(f.Fit.Parameters),
        ["resamples"] = f.Analysis?.Bootstrap?.Samples.Count ?? 0,
    })]);

    /// <summary>The report of study <paramref name="name"/> in the store at <paramref name="storePath"/>, its regimes fitted from the stored definitions.</summary>
    private static int FromStore(ParseResult parse, string storePath, string? name, int resamples, string outPath, string? title, bool json, CancellationToken cancellationToken)
    {
        if (resamples < 0) return BadInputGuard.Fail(parse, "--resamples must be 0 or more");
        if (!File.Exists(storePath)) return BadInputGuard.Fail(parse, $"{storePath}: no such store (run a study first)");
        using var runStore = RunStore.Open(storePath, TimeProvider.System);
        var studies = runStore.Studies();
        var stored = studies.Count == 0 ? "the store holds no study" : $"stored: {string.Join(", ", studies.Select(s => s.Name))}";
        if (name is null) return BadInputGuard.Fail(parse, $"--store needs --study NAME ({stored})");
        var record = studies.FirstOrDefault(s => s.Name == name);
        if (record is null) return BadInputGuard.Fail(parse, $"study '{name}' is not in {storePath} ({stored})");
        IReadOnlyList<Regime>? regimes;
        try
        {
            regimes = StoredRegimes.Load(record);
        }
        catch (InvalidDataException e)
        {
            return BadInputGuard.Fail(parse, $"study '{name}' in {storePath}: {e.Message}");
        }
        var fits = RegimeAnalysis.FitAll(record.Name, record.Seed, regimes ?? [], runStore, resamples, cancellationToken: cancellationToken);
        var runs = runStore.Runs(record.Name);
        HtmlReport.Write(outPath, StudyReport.Build(record, runs, fits, regimes is not null, title), cancellationToken);
        var console = parse.InvocationConfiguration.Output;
        int finished = runs.Count(r => r.Status == RunStatus.Finished);
        if (json)
        {
            var summary = new JsonObject
            {
                ["schema"] = SchemaId, ["output"] = outPath, ["study"] = record.Name, ["runs"] = finished, ["failed"] = runs.Count - finished,
                ["regimes"] = new JsonArray(fits.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = f.Regime.Name, ["points"] = f.Points, ["alpha"] = JsonOutput.Number(f.Alpha), ["lower"] = JsonOutput.Number(f.Lower),
                    ["upper"] = JsonOutput.Number(f.Upper), ["theory"] = JsonOutput.Number(f.Regime.TheoryExponent),
                }).ToArray()),
            };
            console.WriteLine(JsonOutput.ToText(summary));
        }
        else
        {
            console.WriteLine($"wrote {outPath}: study {record.Name}, {finished} finished and {runs.Count - finished} failed run(s), {fits.Count} regime(s)");
        }
        return 0;
    }
}
