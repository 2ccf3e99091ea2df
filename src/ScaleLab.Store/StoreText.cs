using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScaleLab.Store;

/// <summary>How values are written as text in the store: times as round-trip UTC, metrics and diagnostics as JSON.</summary>
internal static class StoreText
{
    // A diverged run reports NaN or infinite losses; they are stored as such rather than failing the write.
    // Diagnostic severities are written as words.
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Claim expiry as whole milliseconds since 1970, an integer both databases compare exactly.</summary>
    public static long Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static string Metrics(IReadOnlyDictionary<string, double> metrics) =>
        JsonSerializer.Serialize(new SortedDictionary<string, double>(metrics.ToDictionary(), StringComparer.Ordinal), JsonOptions);

    public static IReadOnlyDictionary<string, double> ParseMetrics(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json, JsonOptions) ?? [];

    public static string RunMetrics(RunOutcome? outcome)
    {
        var document = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal)
        {
            ["heldOut"] = new(outcome?.HeldOut.ToDictionary() ?? [], StringComparer.Ordinal),
            ["train"] = new(outcome?.Train.ToDictionary() ?? [], StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(document, JsonOptions);
    }

    public static (IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> HeldOut) ParseRunMetrics(string json)
    {
        var document = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(json, JsonOptions) ?? [];
        return (document.GetValueOrDefault("train") ?? [], document.GetValueOrDefault("heldOut") ?? []);
    }

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Finished => "finished",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
