using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ScaleLab.Store;

/// <summary>
/// The canonical JSON text of a run specification and the key derived from it. Two specifications
/// that serialise to the same properties and values give the same text whatever the declaration
/// order of their properties, so the key identifies the run across processes and releases.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        // Properties at their type's default (false, 0, null) are left out, so adding a field whose
        // default keeps the old behaviour does not change the keys of runs already stored.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Serialises <paramref name="specification"/> (by its runtime type) with object properties sorted ordinally.</summary>
    public static string Serialize(object specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var node = JsonSerializer.SerializeToNode(specification, specification.GetType(), Options);
        return Canonicalize(node);
    }

    /// <summary>Re-writes JSON text in canonical form (sorted properties, no whitespace).</summary>
    public static string Normalize(string json) => Canonicalize(JsonNode.Parse(json));

    /// <summary>
    /// The run key: lower-case hex SHA-256 of the kind and the canonical specification. The kind is
    /// part of the key because two trainers may share a specification shape.
    /// </summary>
    public static string Key(string kind, string canonicalSpecification)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + canonicalSpecification));
        return Convert.ToHexStringLower(bytes);
    }

    private static string Canonicalize(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
