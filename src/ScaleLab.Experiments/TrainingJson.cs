using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScaleLab.Experiments;

/// <summary>
/// The JSON form of specifications and results: camelCase, enums as camelCase strings, no
/// indentation, every field written. The serialised spec is the run's exact configuration; reading
/// rejects a field the record does not have, so a misspelt field in a spec file is an error, not a default.
/// </summary>
public static class TrainingJson
{
    /// <summary>Options used for every spec and result.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Serialises a spec or result.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a spec or result; throws <see cref="JsonException"/> on malformed input.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"no {typeof(T).Name} in the JSON text");
}
