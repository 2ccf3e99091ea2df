using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab envelope curves.csv</c>: Chinchilla approach 1, the lower envelope of training curves.</summary>
internal static class EnvelopeCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.envelope/2";

    /// <summary>JSON schema identifier of the output with <c>--group-by</c>: one <see cref="SchemaId"/> document per group.</summary>
    public const string GroupsSchemaId = "scalelab.envelope-groups/1";

    public static Command Create()
    {
        var file = DataOptions.File("curves", "CSV/TSV/JSON/JSONL/Parquet (or - for standard input): one row per checkpoint (N, tokens so far, C so far, loss, run)");
        var runBy = new Option<string?>("--run-by") { Description = "columns that together identify a run, e.g. model,peak_lr (default: run id, else group, else N)" };
        var grid = new Option<int>("--grid-points") { Description = "log-spaced compute values (Hoffmann used 1500)", DefaultValueFactory = _ => 1500 };
        var target = new Option<double?>("--target-compute") { Description = "also print N*, D* at this budget" };
        var json = new Option<bool>("--json") { Description = $"write JSON (schema {SchemaId}; {GroupsSchemaId} with --group-by)" };
        var data = new DataOptions();
        var command = new Command("envelope", "Approach 1: lower envelope of loss vs FLOPs over training curves, then N* ∝ C^a, D* ∝ C^b") { file, runBy, grid, target, json };
        data.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
                var set = data.Read(parse, parse.GetValue(file)!);
                DataOptions.Announce(parse, set);
                var t = parse.GetValue(target);
                EnvelopeResult Analyse(ObservationSet rows) => EnvelopeAnalysis.Analyse(rows.Observations, parse.GetValue(grid), DataOptions.RunKey(parse.GetValue(runBy)));
                bool asJson = parse.GetValue(json);
                if (data.Grouped(parse))
                {
                    return new GroupedOutput<EnvelopeResult>
                    {
                        SchemaId = GroupsSchemaId, TooSmall = g => RowGroups.TooFew(g, 2, "an envelope"), Analyse = g => Analyse(g.Data),
                        Json = r => Json(r, t), Text = r => Text(r, t),
                        Columns = ["runs", "sizes", "a", "b"],
                        Cells = r => [r.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), r.DistinctSizes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            PlanFormat.Number(r.ExponentA), PlanFormat.Number(r.ExponentB)],
                        Succeeded = r => double.IsFinite(r.ExponentA),
                    }.Run(parse, set, asJson);
                }
                var result = Analyse(set);
                parse.InvocationConfiguration.Output.WriteLine(asJson ? JsonOutput.ToText(Json(result, t)) : Text(result, t));
                return double.IsFinite(result.ExponentA) ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The result as JSON, schema <see cref="SchemaId"/> (docs/json.md).</summary>
    public static JsonObject Json(EnvelopeResult r, double? target)
    {
        var sizes = new JsonArray();
        foreach (var g in r.Points.GroupBy(p => p.Parameters).OrderBy(g => g.Key))
        {
            sizes.Add(new JsonObject
            {
                ["parameters"] = JsonOutput.Number(g.Key), ["points"] = g.Count(), ["computeFrom"] = JsonOutput.Number(g.Min(p => p.Compute)),
                ["computeTo"] = JsonOutput.Number(g.Max(p => p.Compute)),
                ["runs"] = new JsonArray(g.Select(p => p.Run).Distinct().Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
            });
        }
        var o = new JsonObject
        {
            ["schema"] = SchemaId, ["approach"] = "approach 1 (envelope)",
            ["a"] = JsonOutput.Number(r.ExponentA), ["b"] = JsonOutput.Number(r.ExponentB),
            ["interceptN"] = JsonOutput.Number(r.InterceptN), ["interceptD"] = JsonOutput.Number(r.InterceptD),
            ["runs"] = r.Runs, ["gridPoints"] = r.Points.Count, ["distinctSizes"] = r.DistinctSizes,
            ["shareInLast15Percent"] = JsonOutput.Number(r.ShareInLast15Percent), ["sizesOnEnvelope"] = sizes,
        };
        if (target is { } t) o["atTarget"] = IsoFlopCommand.Allocation(t, r.OptimalParameters(t), r.OptimalTokens(t));
        o["diagnostics"] = JsonOutput.Diagnostics(r.Diagnostics);
        return o;
    }

    private static string Text(EnvelopeResult r, double? target)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"approach 1 (envelope): {r.Runs} runs, {r.Points.Count} compute values, {r.DistinctSizes} sizes on the envelope");
        foreach (var g in r.Points.GroupBy(p => p.Parameters).OrderBy(g => g.Key))
        {
            sb.AppendLine($"  N = {PlanFormat.Number(g.Key),-10} wins C = {PlanFormat.Number(g.Min(p => p.Compute))} … {PlanFormat.Number(g.Max(p => p.Compute))} ({g.Count()} points)");
        }
        sb.AppendLine($"  a = {PlanFormat.Number(r.ExponentA)}, b = {PlanFormat.Number(r.ExponentB)}; {PlanFormat.Number(100 * r.ShareInLast15Percent)} % of points in the last 15% of their run");
        if (target is { } c) sb.AppendLine($"  at C = {PlanFormat.Number(c)}: N* = {PlanFormat.Number(r.OptimalParameters(c))}, D* = {PlanFormat.Number(r.OptimalTokens(c))}");
        foreach (var d in r.Diagnostics) sb.AppendLine($"  {d}");
        return sb.ToString().TrimEnd();
    }
}
