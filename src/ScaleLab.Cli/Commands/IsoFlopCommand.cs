using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab isoflop runs.csv</c>: Chinchilla approach 2, one parabola per budget, then N*(C), D*(C).</summary>
internal static class IsoFlopCommand
{
    /// <summary>JSON schema identifier of the output.</summary>
    public const string SchemaId = "scalelab.isoflop/2";

    /// <summary>JSON schema identifier of the output with <c>--group-by</c>: one <see cref="SchemaId"/> document per group.</summary>
    public const string GroupsSchemaId = "scalelab.isoflop-groups/1";

    // One set's profiles and, with --estimate-bias, each budget's parabola bias.
    private sealed record Profiles(IsoFlopResult Result, IReadOnlyList<(double Compute, double RelativeBias)>? Biases);

    public static Command Create()
    {
        var file = DataOptions.File("runs", "CSV/TSV/JSON/JSONL/Parquet (or - for standard input): one row per run (N or D, C or budget, loss)");
        var tolerance = new Option<double>("--budget-tolerance") { Description = "runs whose compute agrees within this relative tolerance share a budget", DefaultValueFactory = _ => IsoFlopAnalysis.DefaultBudgetTolerance };
        var target = new Option<double?>("--target-compute") { Description = "also print N*, D* at this budget" };
        var bias = new Option<bool>("--estimate-bias") { Description = "fit the Chinchilla law to the runs and measure each budget's parabola bias under it (slow: 4500 starts)" };
        var json = new Option<bool>("--json") { Description = $"write JSON (schema {SchemaId}; {GroupsSchemaId} with --group-by)" };
        var data = new DataOptions();
        var command = new Command("isoflop", "Approach 2 (IsoFLOP profiles): parabola per budget, vertex N*, power laws N* ∝ C^a, D* ∝ C^b") { file, tolerance, target, bias, json };
        data.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
                var set = data.Read(parse, parse.GetValue(file)!);
                DataOptions.Announce(parse, set);
                var t = parse.GetValue(target);
                Profiles Analyse(ObservationSet rows)
                {
                    var result = IsoFlopAnalysis.Analyse(rows.Observations, parse.GetValue(tolerance));
                    return new Profiles(result, parse.GetValue(bias) ? IsoFlopAnalysis.EstimateBias(result, PlanningLaw.From(FittedLaw.Fit(ChinchillaLaw.Instance, rows))) : null);
                }
                bool asJson = parse.GetValue(json);
                if (data.Grouped(parse))
                {
                    return new GroupedOutput<Profiles>
                    {
                        SchemaId = GroupsSchemaId, TooSmall = g => RowGroups.TooFew(g, 3, "a parabola"), Analyse = g => Analyse(g.Data),
                        Json = p => Json(p.Result, t, p.Biases), Text = p => Text(p.Result, t, p.Biases),
                        Columns = ["budgets", "a", "b", "R²"],
                        Cells = p => [p.Result.Budgets.Count(b => b.Used).ToString(System.Globalization.CultureInfo.InvariantCulture), PlanFormat.Number(p.Result.ExponentA),
                            PlanFormat.Number(p.Result.ExponentB), PlanFormat.Number(p.Result.RSquared)],
                        Succeeded = p => double.IsFinite(p.Result.ExponentA),
                    }.Run(parse, set, asJson);
                }
                var profiles = Analyse(set);
                parse.InvocationConfiguration.Output.WriteLine(asJson ? JsonOutput.ToText(Json(profiles.Result, t, profiles.Biases)) : Text(profiles.Result, t, profiles.Biases));
                return double.IsFinite(profiles.Result.ExponentA) ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The result as JSON, schema <see cref="SchemaId"/> (docs/json.md).</summary>
    public static JsonObject Json(IsoFlopResult r, double? target, IReadOnlyList<(double Compute, double RelativeBias)>? biases = null)
    {
        var budgets = new JsonArray();
        foreach (var b in r.Budgets)
        {
            double? bias = null;
            foreach (var (c, relative) in biases ?? []) if (c == b.Compute) bias = relative;
            budgets.Add(new JsonObject
            {
                ["compute"] = JsonOutput.Number(b.Compute), ["runs"] = b.SampledParameters.Length, ["used"] = b.Used,
                ["optimalParameters"] = JsonOutput.Number(b.OptimalParameters), ["optimalTokens"] = JsonOutput.Number(b.OptimalTokens),
                ["lossAtVertex"] = JsonOutput.Number(b.MinimumLoss), ["gridMinParameters"] = JsonOutput.Number(b.SampledParameters[0]),
                ["gridMaxParameters"] = JsonOutput.Number(b.SampledParameters[^1]), ["gridWidth"] = JsonOutput.Number(b.GridWidth),
                ["centring"] = JsonOutput.Number(b.Centring), ["parabolaBias"] = JsonOutput.Number(bias), ["note"] = b.Note,
            });
        }
        var o = new JsonObject
        {
            ["schema"] = SchemaId, ["approach"] = "approach 2 (IsoFLOP)",
            ["a"] = JsonOutput.Number(r.ExponentA), ["b"] = JsonOutput.Number(r.ExponentB), ["aStandardError"] = JsonOutput.Number(r.StandardErrorA),
            ["interceptN"] = JsonOutput.Number(r.InterceptN), ["interceptD"] = JsonOutput.Number(r.InterceptD), ["rSquared"] = JsonOutput.Number(r.RSquared),
            ["budgets"] = budgets,
        };
        if (target is { } t) o["atTarget"] = Allocation(t, r.OptimalParameters(t), r.OptimalTokens(t));
        o["diagnostics"] = JsonOutput.Diagnostics(r.Diagnostics);
        return o;
    }

    /// <summary><c>{compute, parameters, tokens}</c>: an allocation of a budget, named as in a plan.</summary>
    internal static JsonObject Allocation(double compute, double parameters, double tokens) => new()
    {
        ["compute"] = JsonOutput.Number(compute), ["parameters"] = JsonOutput.Number(parameters), ["tokens"] = JsonOutput.Number(tokens),
    };

    private static string Text(IsoFlopResult r, double? target, IReadOnlyList<(double Compute, double RelativeBias)>? biases)
    {
        var sb = new StringBuilder();
        sb.AppendLine("approach 2 (IsoFLOP): parabola in ln N per budget");
        sb.AppendLine($"  {"budget C",-10} {"runs",4} {"N*",10} {"D*",10} {"D*/N*",8} {"grid",8} {"centring",8}");
        foreach (var b in r.Budgets)
        {
            sb.AppendLine($"  {PlanFormat.Number(b.Compute),-10} {b.SampledParameters.Length,4} {PlanFormat.Number(b.OptimalParameters),10} {PlanFormat.Number(b.OptimalTokens),10} " +
                          $"{PlanFormat.Number(b.OptimalTokens / b.OptimalParameters),8} {PlanFormat.Number(b.GridWidth) + "x",8} {PlanFormat.Number(b.Centring),8}{Bias(biases, b.Compute)}{(b.Used ? "" : "  (skipped)")}");
        }
        sb.AppendLine($"  a = {PlanFormat.Number(r.ExponentA)} (± {PlanFormat.Number(r.StandardErrorA)}), b = {PlanFormat.Number(r.ExponentB)}, R² = {PlanFormat.Number(r.RSquared)}");
        if (target is { } c) sb.AppendLine($"  at C = {PlanFormat.Number(c)}: N* = {PlanFormat.Number(r.OptimalParameters(c))}, D* = {PlanFormat.Number(r.OptimalTokens(c))}");
        if (biases is not null) sb.AppendLine("  bias = parabola vertex / exact optimum − 1 for this budget's sizes, under a Chinchilla fit to the same runs");
        foreach (var d in r.Diagnostics) sb.AppendLine($"  {d}");
        return sb.ToString().TrimEnd();
    }

    private static string Bias(IReadOnlyList<(double Compute, double RelativeBias)>? biases, double compute)
    {
        if (biases is null) return "";
        foreach (var (c, b) in biases) if (c == compute) return $"  bias {(100 * b).ToString("+0.00;-0.00", System.Globalization.CultureInfo.InvariantCulture)} %";
        return "";
    }
}
