using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Uncertainty;
using ScaleLab.Quantities;

namespace ScaleLab.Cli.Commands;

/// <summary>JSON and text helpers shared by the uncertainty and comparison commands.</summary>
internal static class UncertaintyJson
{
    /// <summary>Indented, invariant JSON.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A number, or null when it is not finite (JSON has no NaN or infinity).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary><c>{lower, upper, level, method}</c>.</summary>
    public static JsonObject Interval(Interval interval) => new()
    {
        ["lower"] = Number(interval.Lower),
        ["upper"] = Number(interval.Upper),
        ["level"] = interval.Level,
        ["method"] = interval.Method,
    };

    /// <summary><c>{severity, code, message}</c>.</summary>
    public static JsonObject Diagnostic(Diagnostic d) => new()
    {
        ["severity"] = d.Severity.ToString().ToLowerInvariant(),
        ["code"] = d.Code,
        ["message"] = d.Message,
    };

    /// <summary>Invariant short number for tables.</summary>
    public static string Fmt(double v, string format = "G4") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : Quantity.Format(v);
}
