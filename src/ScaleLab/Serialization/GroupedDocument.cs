using System.Text.Json.Nodes;
using ScaleLab.Data;

namespace ScaleLab.Serialization;

/// <summary>
/// The document of a grouped command (<c>--group-by</c>; docs/json.md, "Groups"): the input once, then one entry per
/// group in first-appearance order with its name, its values in the grouping columns, its rows, and either the
/// command's own document for the group (<c>result</c>) or why it was skipped (<c>skipped</c>).
/// </summary>
public static class GroupedDocument
{
    /// <summary>The grouped document <paramref name="schemaId"/> of <paramref name="data"/>, each group's result made by <paramref name="result"/>.</summary>
    public static JsonObject ToJson<T>(string schemaId, ObservationSet data, IReadOnlyList<GroupOutcome<T>> outcomes, Func<T, JsonNode> result) where T : class
    {
        var groups = new JsonArray();
        foreach (var outcome in outcomes)
        {
            var values = new JsonObject();
            for (int k = 0; k < outcome.Group.Columns.Count; k++) values[outcome.Group.Columns[k]] = outcome.Group.Values[k];
            var entry = new JsonObject { ["name"] = outcome.Group.Name, ["values"] = values, ["rows"] = outcome.Group.Data.Count };
            if (outcome.Result is { } r) entry["result"] = result(r);
            else entry["skipped"] = outcome.Skipped;
            groups.Add(entry);
        }
        return new JsonObject
        {
            ["schema"] = schemaId,
            ["groupBy"] = new JsonArray([.. data.GroupColumns.Select(c => (JsonNode)c)]),
            ["input"] = new JsonObject
            {
                ["path"] = data.Source, ["rows"] = data.Count, ["metric"] = data.MetricName, ["diagnostics"] = JsonOutput.Diagnostics(data.Diagnostics),
            },
            ["groups"] = groups,
        };
    }
}
