using System.Text.Json;

namespace ScaleLab.Data.Paths;

/// <summary>Finds the one value a <see cref="JsonPath"/> names in a row, or says why there is none or several.</summary>
internal static class PathEvaluation
{
    /// <summary>The value at <paramref name="path"/>; the reason of a failure is returned instead.</summary>
    public static bool TrySelect(JsonPath path, JsonElement row, out JsonElement value, out string failure)
    {
        var current = new List<(JsonElement Element, string At)> { (row, "") };
        value = default;
        failure = "";
        foreach (var step in path.Steps)
        {
            var next = new List<(JsonElement, string)>();
            foreach (var (element, at) in current) Apply(step, element, at, next);
            if (next.Count == 0)
            {
                failure = Nothing(step, current);
                return false;
            }
            current = next;
        }
        if (current.Count > 1)
        {
            var shown = string.Join(", ", current.Take(3).Select(c => c.At)) + (current.Count > 3 ? ", …" : "");
            failure = $"the path matches {current.Count} values ({shown}); narrow it with an index or a selector such as [KEY=VALUE] (docs/input.md)";
            return false;
        }
        value = current[0].Element;
        return true;
    }

    private static void Apply(PathStep step, JsonElement element, string at, List<(JsonElement, string)> next)
    {
        if (step.KeyName is { } key)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (PathStep.TryProperty(element, key, out var child)) next.Add((child, Join(at, step.Describe())));
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                // A key over a list applies to every element: results.loss names the loss of each result.
                int i = 0;
                foreach (var item in element.EnumerateArray()) Apply(step, item, $"{at}[{i++}]", next);
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            // A selector over a single object treats it as a list of one.
            if (step.Field is not null && element.ValueKind == JsonValueKind.Object && step.Passes(element)) next.Add((element, at));
            return;
        }
        int length = element.GetArrayLength();
        if (step.IndexValue is { } index)
        {
            int k = index < 0 ? length + index : index;
            if (k >= 0 && k < length) next.Add((element[k], $"{at}[{k}]"));
            return;
        }
        int j = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (step.Passes(item)) next.Add((item, $"{at}[{j}]"));
            j++;
        }
    }

    private static string Join(string at, string step) => at.Length == 0 ? step : step.StartsWith('[') ? at + step : $"{at}.{step}";

    // Why a step found nothing: the key's near misses, the list's length, or the values the filter's field takes.
    private static string Nothing(PathStep step, List<(JsonElement Element, string At)> current)
    {
        var (element, at) = current[0];
        var where = at.Length == 0 ? "the row" : $"'{at}'";
        if (step.KeyName is { } key)
        {
            if (element.ValueKind != JsonValueKind.Object && element.ValueKind != JsonValueKind.Array)
            {
                return $"{where} is a {Kind(element)}, not an object with key '{InputText.Show(key, 40)}'";
            }
            var keys = element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(JsonCells.Name).ToArray() : [];
            var close = ColumnAliases.Closest(key, keys);
            var hint = close is null ? "" : $"; did you mean '{InputText.Show(close, 40)}'?";
            return $"{where} has no key '{InputText.Show(key, 40)}'{hint} (keys: {InputText.List(keys, 12)})";
        }
        if (element.ValueKind != JsonValueKind.Array) return $"{where} is a {Kind(element)}, not a list to select from";
        if (step.IndexValue is { } index) return $"{where} has {element.GetArrayLength()} elements, so [{index}] is outside it";
        var seen = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            var field = item;
            bool found = true;
            foreach (var k in step.Field!) if (!(field.ValueKind == JsonValueKind.Object && PathStep.TryProperty(field, k, out field))) found = false;
            if (!found) continue;
            var text = field.ValueKind == JsonValueKind.Array ? string.Join(" ", field.EnumerateArray().Select(JsonCells.Text)) : JsonCells.Text(field);
            if (text is not null && !seen.Contains(text)) seen.Add(text);
        }
        var values = seen.Count == 0 ? $"no element has the field '{string.Join('.', step.Field!)}'" : $"its values are {InputText.List(seen, 8)}";
        return $"no element of {where} has {string.Join('.', step.Field!)} {Verb(step.Operator!)} '{InputText.Show(step.Value!, 40)}' ({values})";
    }

    private static string Verb(string op) => op switch
    {
        "*=" => "containing",
        "^=" => "starting with",
        "$=" => "ending with",
        "!=" => "other than",
        _ => "equal to",
    };

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
