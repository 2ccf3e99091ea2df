using System.Text.Json.Nodes;
using ScaleLab.Data;

namespace ScaleLab.Serialization;

/// <summary>
/// The document of a grouped command (<c>--group-by</c>; docs/json.md, "Groups"): what the groups come from once
/// (<c>input</c>), then one entry per group in first-appearance order with its name, its values in the grouping
/// columns, its rows, and either the command's own document for the group (<c>result</c>) or why it was skipped
/// (<c>skipped</c>).
/// </summary>
public static class GroupedDocument
{
    /// <summary>The grouped document <paramref name="schemaId"/> of <paramref name="data"/>, each group's result made by <paramref name="result"/>.</summary>
    public static JsonObject ToJson<T>(string schemaId, ObservationSet data, IReadOnlyList<GroupOutcome<T>> outcomes, Func<T, JsonNode> result) where T : class =>
        ToJson(schemaId, data.GroupColumns, Input(data),
            outcomes.Select(o => Entry(o.Group.Name, o.Group.Columns.Select((c, k) => KeyValuePair.Create(c, o.Group.Values[k])), o.Group.Data.Count,
                o.Result is { } r ? result(r) : null, o.Skipped)));

    /// <summary>The grouped document from its parts (<see cref="Entry"/> makes each group's).</summary>
    public static JsonObject ToJson(string schemaId, IEnumerable<string> groupBy, JsonObject input, IEnumerable<JsonObject> groups) => new()
    {
        ["schema"] = schemaId,
        ["groupBy"] = new JsonArray([.. groupBy.Select(c => (JsonNode)c)]),
        ["input"] = input,
        ["groups"] = new JsonArray([.. groups]),
    };

    /// <summary><c>{path, rows, metric, diagnostics}</c> of the data read.</summary>
    public static JsonObject Input(ObservationSet data) => new()
    {
        ["path"] = data.Source, ["rows"] = data.Count, ["metric"] = data.MetricName, ["diagnostics"] = JsonOutput.Diagnostics(data.Diagnostics),
    };

    /// <summary>One group: <c>{name, values, rows, result}</c>, or <c>skipped</c> in place of <c>result</c>.</summary>
    public static JsonObject Entry(string name, IEnumerable<KeyValuePair<string, string>> values, int rows, JsonNode? result, string? skipped)
    {
        var entry = new JsonObject { ["name"] = name, ["values"] = new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))), ["rows"] = rows };
        if (result is not null) entry["result"] = result;
        else entry["skipped"] = skipped ?? "no result";
        return entry;
    }
}
