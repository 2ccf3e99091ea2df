using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Planning;
using ScaleLab.Quantities;

namespace ScaleLab.Cli.Commands;

/// <summary>Text and JSON renderings of plans and approach results, shared by the planning commands.</summary>
internal static class PlanFormat
{
    public const string PlanSchema = "scalelab.plan/1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Number(double v) => Quantity.Format(v, 4);

    public static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    public static JsonNode? Json(double? v) => v is { } x ? Json(x) : null;

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    public static JsonArray Json(IEnumerable<Diagnostic> diagnostics) =>
        new(diagnostics.Select(d => (JsonNode)new JsonObject
        {
            ["severity"] = d.Severity.ToString().ToLowerInvariant(), ["code"] = d.Code, ["message"] = d.Message,
        }).ToArray());

    public static JsonObject Json(Plan plan, bool withSchema = true)
    {
        var o = new JsonObject();
        if (withSchema) o["schema"] = PlanSchema;
        o["kind"] = Kebab(plan.Kind.ToString());
        o["status"] = Kebab(plan.Status.ToString());
        o["law"] = plan.Law;
        o["method"] = plan.Method;
        o["flop_convention"] = plan.FlopConvention;
        o["compute"] = Json(plan.Compute);
        o["N_opt"] = Json(plan.Parameters);
        o["D_opt"] = Json(plan.Tokens);
        o["tokens_per_param"] = Json(plan.TokensPerParameter);
        o["loss"] = Json(plan.Loss);
        if (plan.UniqueTokens is not null) o["unique_tokens"] = Json(plan.UniqueTokens);
        if (plan.Epochs is not null) o["epochs"] = Json(plan.Epochs);
        if (plan.InferenceTokens is not null) o["inference_tokens"] = Json(plan.InferenceTokens);
        if (plan.InferenceCompute is not null) o["inference_compute"] = Json(plan.InferenceCompute);
        if (plan.TotalCompute is not null) o["total_compute"] = Json(plan.TotalCompute);
        if (plan.Saving is not null) o["saving"] = Json(plan.Saving);
        if (plan.GpuHours is not null) o["gpu_hours"] = Json(plan.GpuHours);
        if (plan.Cost is not null) o["cost"] = Json(plan.Cost);
        if (plan.ExtrapolationRatio is not null) o["extrapolation_ratio"] = Json(plan.ExtrapolationRatio);
        if (plan.Intervals.Count > 0)
        {
            var intervals = new JsonObject();
            foreach (var (name, iv) in plan.Intervals)
            {
                intervals[name] = new JsonObject { ["lower"] = Json(iv.Lower), ["upper"] = Json(iv.Upper), ["level"] = iv.Level, ["samples"] = iv.Samples };
            }
            o["intervals"] = intervals;
        }
        if (plan.Baseline is { } b) o["baseline"] = Json(b, withSchema: false);
        o["diagnostics"] = Json(plan.Diagnostics);
        return o;
    }

    public static string Text(Plan plan)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Kebab(plan.Kind.ToString())} plan ({plan.Law}): {Kebab(plan.Status.ToString())}");
        sb.AppendLine($"  method            {plan.Method}");
        sb.AppendLine($"  FLOPs             {plan.FlopConvention}");
        Row(sb, plan, "compute", plan.Compute, "compute");
        Row(sb, plan, "N_opt", plan.Parameters, "N_opt");
        Row(sb, plan, "D_opt", plan.Tokens, "D_opt");
        Row(sb, plan, "tokens_per_param", plan.TokensPerParameter, "tokens_per_param");
        Row(sb, plan, "loss", plan.Loss, "loss");
        if (plan.UniqueTokens is { } u) Row(sb, plan, "unique_tokens", u, "");
        if (plan.Epochs is { } e) Row(sb, plan, "epochs", e, "epochs");
        if (plan.InferenceTokens is { } it) Row(sb, plan, "inference_tokens", it, "");
        if (plan.InferenceCompute is { } ic) Row(sb, plan, "inference_compute", ic, "");
        if (plan.TotalCompute is { } tc) Row(sb, plan, "total_compute", tc, "total_compute");
        if (plan.Baseline is { } unlimited && plan.Kind == PlanKind.DataConstrained)
        {
            sb.AppendLine($"  unlimited data    N = {Number(unlimited.Parameters)}, D = {Number(unlimited.Tokens)}, loss = {Number(unlimited.Loss)} (the data limit costs {Number(plan.Loss - unlimited.Loss)} in loss)");
        }
        else if (plan.Baseline is { } b)
        {
            sb.AppendLine($"  compute-optimal   N = {Number(b.Parameters)}, D = {Number(b.Tokens)}, total FLOPs = {Number(b.Compute + 2 * b.Parameters * (plan.InferenceTokens ?? 0))}");
        }
        if (plan.Saving is { } s) sb.AppendLine($"  saving            {(100 * s).ToString("F2", CultureInfo.InvariantCulture)} % of total FLOPs (or cost) versus the compute-optimal model");
        if (plan.GpuHours is { } h) Row(sb, plan, "gpu_hours", h, "gpu_hours");
        if (plan.Cost is { } c) Row(sb, plan, "cost", c, "cost");
        if (plan.ExtrapolationRatio is { } r) sb.AppendLine($"  extrapolation     {Number(r)}× the largest fitted compute");
        foreach (var d in plan.Diagnostics) sb.AppendLine($"  {d}");
        return sb.ToString().TrimEnd();
    }

    private static void Row(StringBuilder sb, Plan plan, string label, double value, string intervalName)
    {
        string interval = plan.Intervals.TryGetValue(intervalName, out var iv)
            ? $"   [{Number(iv.Lower)}, {Number(iv.Upper)}] ({(100 * iv.Level).ToString("F0", CultureInfo.InvariantCulture)}% bootstrap, {iv.Samples} samples)"
            : "";
        sb.AppendLine($"  {label,-17} {Number(value)}{interval}");
    }

    public static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
