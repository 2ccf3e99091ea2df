using System.Text.Json;

namespace ScaleLab.Tests.Support;

/// <summary>
/// A small validator for the subset of JSON Schema that docs/schemas uses: <c>type</c> (one or a list), <c>const</c>,
/// <c>enum</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (false or a schema), <c>items</c> and
/// <c>$ref</c> to <c>#/$defs/NAME</c> or <c>common#/$defs/NAME</c>. A <c>number</c> is a JSON number or one of the
/// strings ScaleLab writes for non-finite numbers. A keyword outside the subset is an error, so a schema cannot
/// claim what the validator does not check.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Known = ["$id", "description", "$defs", "type", "const", "enum", "properties", "required", "additionalProperties", "items", "$ref"];
    private static readonly HashSet<string> NonFinite = ["NaN", "Infinity", "-Infinity"];

    private readonly Dictionary<string, JsonElement> _byId = new(StringComparer.Ordinal);

    private JsonSchemaValidator() { }

    /// <summary>Every <c>*.schema.json</c> of <paramref name="directory"/>, by <c>$id</c>; <c>common.schema.json</c> answers to <c>common</c>.</summary>
    public static JsonSchemaValidator Load(string directory)
    {
        var validator = new JsonSchemaValidator();
        foreach (var path in Directory.GetFiles(directory, "*.schema.json"))
        {
            var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            var id = root.GetProperty("$id").GetString()!;
            validator._byId[Path.GetFileName(path) == "common.schema.json" ? "common" : id] = root;
        }
        return validator;
    }

    /// <summary>The schema identifiers known (without <c>common</c>).</summary>
    public IEnumerable<string> Ids => _byId.Keys.Where(k => k != "common");

    /// <summary>Where <paramref name="instance"/> breaks the schema <paramref name="schemaId"/>, as "path: problem" lines; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance, string schemaId)
    {
        if (!_byId.TryGetValue(schemaId, out var root)) return [$"$: no schema '{schemaId}' in docs/schemas"];
        var errors = new List<string>();
        Check(instance, root, root, "$", errors);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, JsonElement root, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name)) throw new InvalidOperationException($"schema keyword '{keyword.Name}' at {path} is outside the validator's subset");
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var (target, targetRoot) = Resolve(reference.GetString()!, root);
            Check(value, target, targetRoot, path, errors);
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!allowed.Any(t => IsOfType(value, t))) { errors.Add($"{path}: {Describe(value)} is not {string.Join(" or ", allowed)}"); return; }
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: {Describe(value)} is not {constant.GetRawText()}");
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {Describe(value)} is not one of {options.GetRawText()}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : [])
            {
                if (!value.TryGetProperty(required, out _)) errors.Add($"{path}: required member '{required}' is missing");
            }
            foreach (var member in value.EnumerateObject())
            {
                var memberPath = $"{path}.{member.Name}";
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema)) Check(member.Value, memberSchema, root, memberPath, errors);
                else if (schema.TryGetProperty("additionalProperties", out var extra))
                {
                    if (extra.ValueKind == JsonValueKind.False) errors.Add($"{memberPath}: member not in the schema");
                    else if (extra.ValueKind == JsonValueKind.Object) Check(member.Value, extra, root, memberPath, errors);
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray()) Check(item, items, root, $"{path}[{i++}]", errors);
        }
    }

    private (JsonElement Schema, JsonElement Root) Resolve(string reference, JsonElement root)
    {
        int hash = reference.IndexOf('#');
        var document = hash > 0 ? _byId[reference[..hash]] : root;
        var target = document;
        foreach (var part in reference[(hash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries)) target = target.GetProperty(part);
        return (target, document);
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.String && NonFinite.Contains(value.GetString()!)),
        _ => throw new InvalidOperationException($"unknown type '{type}'"),
    };

    private static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
