using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab isoflop runs.csv</c>: Chinchilla approach 2, one parabola per budget, then N*(C), D*(C).</summary>
internal static class IsoFlopCommand
{
    public static Command Create()
    {
        var file = DataOptions.File("runs", "CSV/TSV/JSON/JSONL/Parquet (or - for standard input): one row per run (N or D, C or budget, loss)");
        var tolerance = new Option<double>("--budget-tolerance") { Description = "runs whose compute agrees within this relative tolerance share a budget", DefaultValueFactory = _ => 0.02 };
        var target = new Option<double?>("--target-compute") { Description = "also print N*, D* at this budget" };
        var bias = new Option<bool>("--estimate-bias") { Description = "fit the Chinchilla law to the runs and measure each budget's parabola bias under it (slow: 4500 starts)" };
        var json = new Option<bool>("--json") { Description = "write JSON (schema scalelab.isoflop/1)" };
        var data = new DataOptions();
        var command = new Command("isoflop", "Approach 2 (IsoFLOP profiles): parabola per budget, vertex N*, power laws N* ∝ C^a, D* ∝ C^b") { file, tolerance, target, bias, json };
        data.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
                var set = data.Read(parse, parse.GetValue(file)!);
                DataOptions.Announce(parse, set);
                var result = IsoFlopAnalysis.Analyse(set.Observations, parse.GetValue(tolerance));
                var t = parse.GetValue(target);
                IReadOnlyList<(double Compute, double RelativeBias)>? biases = null;
                if (parse.GetValue(bias))
                {
                    var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(set));
                    biases = IsoFlopAnalysis.EstimateBias(result, new PlanningLaw(ChinchillaLaw.Instance, fit.Parameters));
                }
                parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? PlanFormat.Serialize(Json(result, t, biases)) : Text(result, t, biases));
                return double.IsFinite(result.ExponentA) ? 0 : 1;
        }));
        return command;
    }

    public static JsonObject Json(IsoFlopResult r, double? target, IReadOnlyList<(double Compute, double RelativeBias)>? biases = null)
    {
        var budgets = new JsonArray();
        foreach (var b in r.Budgets)
        {
            var bias = biases?.Where(x => x.Compute == b.Compute).Select(x => (double?)x.RelativeBias).FirstOrDefault();
            budgets.Add(new JsonObject
            {
                ["compute"] = b.Compute, ["runs"] = b.SampledParameters.Length, ["used"] = b.Used,
                ["N_opt"] = PlanFormat.Json(b.OptimalParameters), ["D_opt"] = PlanFormat.Json(b.OptimalTokens),
                ["loss_at_vertex"] = PlanFormat.Json(b.MinimumLoss), ["grid_min_N"] = b.SampledParameters[0], ["grid_max_N"] = b.SampledParameters[^1],
                ["grid_width"] = PlanFormat.Json(b.GridWidth), ["centring"] = PlanFormat.Json(b.Centring), ["parabola_bias"] = PlanFormat.Json(bias), ["note"] = b.Note,
            });
        }
        var o = new JsonObject
        {
            ["schema"] = "scalelab.isoflop/1", ["approach"] = "approach 2 (IsoFLOP)",
            ["a"] = PlanFormat.Json(r.ExponentA), ["b"] = PlanFormat.Json(r.ExponentB), ["a_standard_error"] = PlanFormat.Json(r.StandardErrorA),
            ["ln_k_N"] = PlanFormat.Json(r.InterceptN), ["ln_k_D"] = PlanFormat.Json(r.InterceptD), ["r_squared"] = PlanFormat.Json(r.RSquared),
            ["budgets"] = budgets,
        };
        if (target is { } c) o["at_target"] = new JsonObject { ["compute"] = c, ["N_opt"] = PlanFormat.Json(r.OptimalParameters(c)), ["D_opt"] = PlanFormat.Json(r.OptimalTokens(c)) };
        o["diagnostics"] = PlanFormat.Json(r.Diagnostics);
        return o;
    }

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
