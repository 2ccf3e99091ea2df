using System.Text;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Planning;
using ScaleLab.Quantities;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>Text and JSON renderings of plans and approach results, shared by the planning commands.</summary>
internal static class PlanFormat
{
    public const string PlanSchema = "scalelab.plan/2";

    public static string Number(double v) => Quantity.Format(v, 4);

    public static JsonNode? Json(double? v) => JsonOutput.Number(v);

    public static string Serialize(JsonNode node) => JsonOutput.ToText(node);

    public static JsonArray Json(IEnumerable<Diagnostic> diagnostics) => JsonOutput.Diagnostics(diagnostics);

    /// <summary>The plan as JSON (schema <see cref="PlanSchema"/>; docs/json.md): camelCase members, intervals keyed by the same names.</summary>
    public static JsonObject Json(Plan plan, bool withSchema = true)
    {
        var o = new JsonObject();
        if (withSchema) o["schema"] = PlanSchema;
        o["kind"] = JsonOutput.Word(plan.Kind);
        o["status"] = JsonOutput.Word(plan.Status);
        o["law"] = plan.Law;
        o["method"] = plan.Method;
        o["flopConvention"] = plan.FlopConvention;
        o[Plan.ComputeKey] = Json(plan.Compute);
        o[Plan.ParametersKey] = Json(plan.Parameters);
        o[Plan.TokensKey] = Json(plan.Tokens);
        o[Plan.TokensPerParameterKey] = Json(plan.TokensPerParameter);
        o[Plan.LossKey] = Json(plan.Loss);
        o["uniqueTokens"] = Json(plan.UniqueTokens);
        o["epochs"] = Json(plan.Epochs);
        o["inferenceTokens"] = Json(plan.InferenceTokens);
        o["inferenceCompute"] = Json(plan.InferenceCompute);
        o["totalCompute"] = Json(plan.TotalCompute);
        o["saving"] = Json(plan.Saving);
        o["gpuHours"] = Json(plan.GpuHours);
        o["cost"] = Json(plan.Cost);
        o[Plan.EnergyKey] = Json(plan.EnergyKwh);
        o[Plan.EmissionsKey] = Json(plan.EmissionsKgCo2e);
        o["extrapolationRatio"] = Json(plan.ExtrapolationRatio);
        if (plan.Intervals.Count > 0) o["intervals"] = JsonOutput.Intervals(plan.Intervals);
        if (plan.Baseline is { } b) o["baseline"] = Json(b, withSchema: false);
        o["diagnostics"] = Json(plan.Diagnostics);
        return o;
    }

    public static string Text(Plan plan)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{JsonOutput.Word(plan.Kind)} plan ({plan.Law}): {JsonOutput.Word(plan.Status)}");
        sb.AppendLine($"  method            {plan.Method}");
        sb.AppendLine($"  FLOPs             {plan.FlopConvention}");
        Row(sb, plan, "compute", plan.Compute, Plan.ComputeKey);
        Row(sb, plan, "N_opt", plan.Parameters, Plan.ParametersKey);
        Row(sb, plan, "D_opt", plan.Tokens, Plan.TokensKey);
        Row(sb, plan, "tokens_per_param", plan.TokensPerParameter, Plan.TokensPerParameterKey);
        Row(sb, plan, "loss", plan.Loss, Plan.LossKey);
        if (plan.UniqueTokens is { } u) Row(sb, plan, "unique_tokens", u, "");
        if (plan.Epochs is { } e) Row(sb, plan, "epochs", e, "epochs");
        if (plan.InferenceTokens is { } it) Row(sb, plan, "inference_tokens", it, "");
        if (plan.InferenceCompute is { } ic) Row(sb, plan, "inference_compute", ic, "");
        if (plan.TotalCompute is { } tc) Row(sb, plan, "total_compute", tc, "totalCompute");
        if (plan.Baseline is { } unlimited && plan.Kind == PlanKind.DataConstrained)
        {
            sb.AppendLine($"  unlimited data    N = {Number(unlimited.Parameters)}, D = {Number(unlimited.Tokens)}, loss = {Number(unlimited.Loss)} (the data limit costs {Number(plan.Loss - unlimited.Loss)} in loss)");
        }
        else if (plan.Baseline is { } b)
        {
            sb.AppendLine($"  compute-optimal   N = {Number(b.Parameters)}, D = {Number(b.Tokens)}, total FLOPs = {Number(b.Compute + 2 * b.Parameters * (plan.InferenceTokens ?? 0))}");
        }
        if (plan.Saving is { } s) sb.AppendLine($"  saving            {Quantity.Fixed(100 * s, 2)} % of total FLOPs (or cost) versus the compute-optimal model");
        if (plan.GpuHours is { } h) Row(sb, plan, "gpu_hours", h, "gpuHours");
        if (plan.Cost is { } c) Row(sb, plan, "cost", c, "cost");
        if (plan.EnergyKwh is { } kwh) Row(sb, plan, "energy_kwh", kwh, Plan.EnergyKey);
        if (plan.EmissionsKgCo2e is { } co2) Row(sb, plan, "emissions_kgco2e", co2, Plan.EmissionsKey);
        if (plan.ExtrapolationRatio is { } r) sb.AppendLine($"  extrapolation     {Number(r)}× the largest fitted compute");
        foreach (var d in plan.Diagnostics) sb.AppendLine($"  {d}");
        return sb.ToString().TrimEnd();
    }

    private static void Row(StringBuilder sb, Plan plan, string label, double value, string intervalName)
    {
        string interval = plan.Intervals.TryGetValue(intervalName, out var iv)
            ? $"   [{Number(iv.Lower)}, {Number(iv.Upper)}] ({Quantity.Fixed(100 * iv.Level, 0)}% bootstrap, {iv.Samples} samples)"
            : "";
        sb.AppendLine($"  {label,-17} {Number(value)}{interval}");
    }
}
