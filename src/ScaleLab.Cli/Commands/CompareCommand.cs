using System.CommandLine;
using System.Text.Json.Nodes;
using ScaleLab.Comparison;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab compare FILE --laws chinchilla,m4 --holdout largest-compute:20%</c>: fits several laws on
/// the same data, holds out the largest scales, ranks by extrapolation error (RMSLE and signed log
/// error on held-out points) with AIC/BIC on the fitted part. <c>--group-by</c> (the shared data option) runs one
/// comparison per group (a benchmark of learning curves) and adds a summary of wins and mean errors.
/// </summary>
internal static class CompareCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.compare/2";

    public static Command Create()
    {
        var file = DataOptions.File();
        var data = new DataOptions();
        var laws = new Option<string>("--laws") { Description = $"comma-separated laws ({string.Join(", ", LawRegistry.Names)})", DefaultValueFactory = _ => "chinchilla" };
        var holdout = new Option<string>("--holdout")
        {
            Description = "points held out for the backtest: largest-compute:20%, largest-params:1e9, largest-tokens:0.1, column:Training=0, none",
            DefaultValueFactory = _ => "largest-compute:20%",
        };
        var objective = new Option<string>("--objective") { Description = "fitting objective (huber-log, squared-log, ...)", DefaultValueFactory = _ => "huber-log" };
        var threads = new Option<int?>("--threads") { Description = "worker threads (the result does not depend on it)" };
        var json = new Option<bool>("--json") { Description = $"print JSON (schema {SchemaId})" };
        var command = new Command("compare", "Fit several laws on the same data and rank them by extrapolation to held-out large scales")
        {
            file, laws, holdout, objective, threads, json,
        };
        data.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
            {
                var lawList = parse.GetValue(laws)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(LawRegistry.Get).ToArray();
                if (lawList.Length == 0) throw new ArgumentException("--laws names no law");
                var split = Holdout.Parse(parse.GetValue(holdout)!);
                var options = new FitOptions { Objective = FitObjective.Parse(parse.GetValue(objective)!), Parallelism = parse.GetValue(threads) };
                var set = data.Read(parse, parse.GetValue(file)!, lawList.SelectMany(l => l.Variables).Distinct().ToArray());
                if (split.Variable is { } held && !set.Has(held)) throw new InputDataException(set.Source, null, null, $"--holdout {split.Text}: {new MissingVariableException(held).Message}");
                bool grouped = data.Grouped(parse);
                IReadOnlyList<LawComparison> results = grouped
                    ? LawComparison.RunGrouped(lawList, set.Groups(), split, options)
                    : [LawComparison.Run(lawList, set.Observations, split, options)];
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json)) output.WriteLine(JsonOutput.ToText(ToJson(set, split, options, results, grouped)));
                else WriteText(output, set, split, options, results, grouped);
                return 0;
            }
        }));
        return command;
    }

    private static void WriteText(TextWriter output, ObservationSet set, Holdout split, FitOptions options, IReadOnlyList<LawComparison> results, bool grouped)
    {
        output.WriteLine($"compare: {set.Count} rows from {set.Source}; holdout {split}; objective {options.Objective}");
        foreach (var d in set.Diagnostics) output.WriteLine($"  {d}");
        foreach (var c in results)
        {
            output.WriteLine();
            output.WriteLine($"{(c.Group is null ? "" : c.Group + ": ")}fitted {c.FitPoints} points, held out {c.HeldOutPoints}");
            output.WriteLine($"  {"rank",-4} {"law",-14} {"status",-13} {"k",2} {"fit RMSLE",10} {"held-out RMSLE",15} {"± se",9} {"signed",9} {"AIC",10} {"BIC",10}");
            foreach (var s in c.Scores)
            {
                output.WriteLine($"  {s.Rank,-4} {s.Law,-14} {JsonOutput.Word(s.Status),-13} {s.FreeParameters,2} {F(s.FitRmsle),10} {F(s.Rmsle),15} {F(s.RmsleStandardError),9} {F(s.SignedError),9} {F2(s.Aic),10} {F2(s.Bic),10}");
            }
            foreach (var s in c.Scores) foreach (var d in s.Diagnostics.Where(d => d.Severity != Diagnostics.DiagnosticSeverity.Info)) output.WriteLine($"  {s.Law}: {d}");
        }
        if (!grouped) return;
        output.WriteLine();
        output.WriteLine($"summary over {results.Count} groups (held-out RMSLE):");
        output.WriteLine($"  {"law",-14} {"groups",6} {"wins",5} {"mean",10} {"median",10}");
        foreach (var s in LawComparison.Summarize(results)) output.WriteLine($"  {s.Law,-14} {s.Comparisons,6} {s.Wins,5} {F(s.MeanRmsle),10} {F(s.MedianRmsle),10}");
    }

    /// <summary>The comparison as JSON, schema <see cref="SchemaId"/> (docs/json.md): fitted and held-out errors named apart.</summary>
    private static JsonObject ToJson(ObservationSet set, Holdout split, FitOptions options, IReadOnlyList<LawComparison> results, bool grouped)
    {
        static JsonObject Score(LawScore s) => new()
        {
            ["rank"] = s.Rank, ["law"] = s.Law, ["status"] = JsonOutput.Word(s.Status), ["parameters"] = JsonOutput.Numbers(s.Parameters),
            ["freeParameters"] = s.FreeParameters, ["objective"] = JsonOutput.Number(s.Objective), ["logLikelihood"] = JsonOutput.Number(s.LogLikelihood),
            ["aic"] = JsonOutput.Number(s.Aic), ["bic"] = JsonOutput.Number(s.Bic), ["fittedRmsle"] = JsonOutput.Number(s.FitRmsle),
            ["heldOutRmsle"] = JsonOutput.Number(s.Rmsle), ["heldOutRmsleStandardError"] = JsonOutput.Number(s.RmsleStandardError),
            ["heldOutSignedError"] = JsonOutput.Number(s.SignedError), ["diagnostics"] = JsonOutput.Diagnostics(s.Diagnostics),
        };
        var root = new JsonObject
        {
            ["schema"] = SchemaId,
            ["input"] = new JsonObject
            {
                ["path"] = set.Source, ["rows"] = set.Count, ["metric"] = set.MetricName,
                ["diagnostics"] = JsonOutput.Diagnostics(set.Diagnostics),
            },
            ["holdout"] = split.Text,
            ["objective"] = options.Objective.Name,
            ["comparisons"] = new JsonArray(results.Select(c => (JsonNode)new JsonObject
            {
                ["group"] = c.Group, ["fitPoints"] = c.FitPoints, ["heldOutPoints"] = c.HeldOutPoints,
                ["scores"] = new JsonArray(c.Scores.Select(s => (JsonNode)Score(s)).ToArray()),
            }).ToArray()),
        };
        if (grouped)
        {
            root["groupBy"] = new JsonArray([.. set.GroupColumns.Select(c => (JsonNode)c)]);
            root["summary"] = new JsonArray(LawComparison.Summarize(results).Select(s => (JsonNode)new JsonObject
            {
                ["law"] = s.Law, ["groups"] = s.Comparisons, ["wins"] = s.Wins,
                ["meanHeldOutRmsle"] = JsonOutput.Number(s.MeanRmsle), ["medianHeldOutRmsle"] = JsonOutput.Number(s.MedianRmsle),
            }).ToArray());
        }
        return root;
    }

    private static string F(double v) => Quantity.Format(v, 4);

    private static string F2(double v) => Quantity.Fixed(v, 2);
}
