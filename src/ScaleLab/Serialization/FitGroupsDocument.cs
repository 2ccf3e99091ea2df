using System.Text.Json;
using ScaleLab.Data;

namespace ScaleLab.Serialization;

/// <summary>
/// One fit per group (schema <c>scalelab.fit-groups/1</c>, docs/json.md): what <c>fit --group-by</c> prints and saves.
/// Each group holds a whole <see cref="FitDocument"/> (<c>scalelab.fit/1</c>) or the reason it was skipped, so a group's
/// fit reads back exactly as a fit of that group alone would.
/// </summary>
public sealed class FitGroupsDocument
{
    /// <summary>The schema identifier this version writes and reads.</summary>
    public const string SchemaId = "scalelab.fit-groups/1";

    private FitGroupsDocument(string source, IReadOnlyList<string> groupBy, IReadOnlyList<FitGroupEntry> groups)
    {
        Source = source;
        GroupBy = groupBy;
        Groups = groups;
    }

    /// <summary>The file the document was read from.</summary>
    public string Source { get; }

    /// <summary>The grouping columns.</summary>
    public IReadOnlyList<string> GroupBy { get; }

    /// <summary>The groups in the order the data first showed them.</summary>
    public IReadOnlyList<FitGroupEntry> Groups { get; }

    /// <summary>The document of the fits of <paramref name="data"/>'s groups, as indented JSON.</summary>
    public static string ToJson(ObservationSet data, IReadOnlyList<GroupOutcome<FitDocument>> outcomes) =>
        JsonOutput.ToText(GroupedDocument.ToJson(SchemaId, data, outcomes, d => System.Text.Json.Nodes.JsonNode.Parse(d.ToJson())!));

    /// <summary>Writes <paramref name="json"/> (from <see cref="ToJson"/>) to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, string json) => IO.AtomicFile.WriteAllText(path, json + "\n");

    /// <summary>True when the JSON file at <paramref name="path"/> names this schema (false for anything else, readable or not).</summary>
    public static bool IsGrouped(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.String && schema.GetString() == SchemaId;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Reads a document; a missing file, invalid JSON, another schema or a malformed group is an <see cref="InputDataException"/>.</summary>
    public static FitGroupsDocument Load(string path)
    {
        var text = FitDocument.ReadText(path);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != SchemaId)
            {
                throw new InputDataException(path, null, "schema", $"not a document of fits per group (expected \"{SchemaId}\")");
            }
            var groupBy = root.TryGetProperty("groupBy", out var by) && by.ValueKind == JsonValueKind.Array
                ? by.EnumerateArray().Select(c => c.GetString() ?? "").ToArray() : [];
            var groups = new List<FitGroupEntry>();
            foreach (var entry in root.GetProperty("groups").EnumerateArray())
            {
                var name = entry.GetProperty("name").GetString() ?? "";
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                if (entry.TryGetProperty("values", out var v)) foreach (var p in v.EnumerateObject()) values[p.Name] = p.Value.GetString() ?? "";
                int rows = entry.TryGetProperty("rows", out var r) ? r.GetInt32() : 0;
                FitDocument? fit = entry.TryGetProperty("result", out var result) ? FitDocument.Parse(result.GetRawText(), $"{path} (group '{name}')") : null;
                var skipped = entry.TryGetProperty("skipped", out var s) ? s.GetString() : null;
                groups.Add(new FitGroupEntry(name, values, rows, fit, fit is null ? skipped ?? "no fit" : null));
            }
            return new FitGroupsDocument(path, groupBy, groups);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputDataException(path, null, null, $"not a valid document of fits per group: {ex.Message.Split(". ")[0].TrimEnd('.')}");
        }
    }

    /// <summary>The group named <paramref name="name"/>; an unknown name is an <see cref="ArgumentException"/> naming the groups there are.</summary>
    public FitGroupEntry Group(string name)
    {
        foreach (var g in Groups) if (string.Equals(g.Name, name, StringComparison.Ordinal)) return g;
        var near = Formulas.NearMisses.Hint(name, Groups.Select(g => g.Name));
        throw new ArgumentException($"{Source}: no group '{name}'{(near is null ? "" : "; " + near)} (groups: {InputText.List(Groups.Select(g => g.Name))})");
    }
}
