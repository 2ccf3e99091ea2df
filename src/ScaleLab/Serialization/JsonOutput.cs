using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Diagnostics;
using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>
/// The one JSON convention of every <c>--json</c> output (docs/json.md): camelCase member names, indented UTF-8 with
/// readable text (<c>+</c>, <c>&lt;</c> and non-ASCII letters are not escaped: the output is for files and pipes),
/// invariant numbers in shortest round-trip form, and non-finite numbers as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c> (as System.Text.Json's named literals, which the fit document reader
/// accepts back). Enum values are words in kebab case (<c>converged</c>, <c>not-converged</c>, <c>failed</c>).
/// Commands build a <see cref="JsonNode"/> with these helpers and write it with <see cref="ToText"/>.
/// </summary>
public static class JsonOutput
{
    /// <summary>The writer settings every output uses.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>A number, or the string that names a non-finite one.</summary>
    public static JsonNode Number(double value) => NonFinite(value) is { } name ? JsonValue.Create(name) : JsonValue.Create(value);

    /// <summary>A number, the name of a non-finite one, or null (the member is then left out of objects).</summary>
    public static JsonNode? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>Writes a number or the name of a non-finite one.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (NonFinite(value) is { } name) writer.WriteStringValue(name);
        else writer.WriteNumberValue(value);
    }

    /// <summary>The JSON word of an enum value: PascalCase to kebab case (<c>NotConverged</c> → <c>not-converged</c>).</summary>
    public static string Word(Enum value) => Word(value.ToString());

    /// <summary>PascalCase to kebab case.</summary>
    public static string Word(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }

    /// <summary><c>{lower, upper, level, method[, samples]}</c>.</summary>
    public static JsonObject Interval(Interval interval)
    {
        var o = new JsonObject
        {
            ["lower"] = Number(interval.Lower),
            ["upper"] = Number(interval.Upper),
            ["level"] = Number(interval.Level),
            ["method"] = interval.Method,
        };
        if (interval.Samples is { } samples) o["samples"] = samples;
        return o;
    }

    /// <summary><c>{name: interval}</c> for named intervals.</summary>
    public static JsonObject Intervals(IReadOnlyDictionary<string, Interval> intervals)
    {
        var o = new JsonObject();
        foreach (var (name, interval) in intervals) o[name] = Interval(interval);
        return o;
    }

    /// <summary><c>[{severity, code, message}]</c>.</summary>
    public static JsonArray Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var array = new JsonArray();
        foreach (var d in diagnostics) array.Add(new JsonObject { ["severity"] = Word(d.Severity), ["code"] = d.Code, ["message"] = d.Message });
        return array;
    }

    /// <summary><c>{name: number}</c>.</summary>
    public static JsonObject Numbers(IEnumerable<KeyValuePair<string, double>> values)
    {
        var o = new JsonObject();
        foreach (var (name, value) in values) o[name] = Number(value);
        return o;
    }

    /// <summary>The node as indented JSON text; members whose value is null are left out.</summary>
    public static string ToText(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (name, value) in o)
                {
                    if (value is null) continue;
                    w.WritePropertyName(name);
                    Write(w, value);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var item in a) Write(w, item);
                w.WriteEndArray();
                break;
            default:
                var v = node.AsValue();
                if (v.TryGetValue<double>(out var d)) WriteNumber(w, d);
                else v.WriteTo(w);
                break;
        }
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : null;
}
