using System.Globalization;
using System.Text.Json;

namespace ScaleLab.Data.Paths;

/// <summary>One step of a <see cref="JsonPath"/>: a key, an index, or a filter over a list's elements.</summary>
internal sealed class PathStep
{
    private PathStep(string? key, int? index, string[]? field, string? op, string? value)
    {
        KeyName = key;
        IndexValue = index;
        Field = field;
        Operator = op;
        Value = value;
    }

    public string? KeyName { get; }

    public int? IndexValue { get; }

    public string[]? Field { get; }

    public string? Operator { get; }

    public string? Value { get; }

    public static PathStep Key(string name) => new(name, null, null, null, null);

    public static PathStep Index(int index) => new(null, index, null, null, null);

    public static PathStep Filter(string[] field, string op, string value) => new(null, null, field, op, value);

    /// <summary>How the step reads in a path.</summary>
    public string Describe() => KeyName is not null
        ? (JsonPath.LooksLikePath(KeyName) ? $"[\"{KeyName}\"]" : KeyName)
        : IndexValue is { } i ? $"[{i.ToString(CultureInfo.InvariantCulture)}]" : $"[{string.Join('.', Field!)}{Operator}{Value}]";

    /// <summary>True when <paramref name="element"/> passes this filter step.</summary>
    public bool Passes(JsonElement element)
    {
        var current = element;
        foreach (var key in Field!)
        {
            if (current.ValueKind != JsonValueKind.Object || !TryProperty(current, key, out current)) return Operator == "!=";
        }
        bool any = Matches(current);
        return Operator == "!=" ? !any : any;
    }

    private bool Matches(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) if (Matches(item)) return true;
            return false;
        }
        var text = JsonCells.Text(value);
        if (text is null) return false;
        return Operator switch
        {
            "*=" => text.Contains(Value!, StringComparison.Ordinal),
            "^=" => text.StartsWith(Value!, StringComparison.Ordinal),
            "$=" => text.EndsWith(Value!, StringComparison.Ordinal),
            _ => value.ValueKind == JsonValueKind.Number && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var actual)
                ? wanted.Equals(actual)
                : string.Equals(text, Value, StringComparison.Ordinal),
        };
    }

    /// <summary>The property named <paramref name="key"/> (exact, else ignoring case when only one matches so).</summary>
    public static bool TryProperty(JsonElement element, string key, out JsonElement value)
    {
        value = default;
        int found = 0;
        JsonElement folded = default;
        int foldedCount = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonCells.Name(property);
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                value = property.Value;
                found++;
            }
            else if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                folded = property.Value;
                foldedCount++;
            }
        }
        if (found > 1) throw new DuplicateKeyException(key);
        if (found == 1) return true;
        if (foldedCount == 1)
        {
            value = folded;
            return true;
        }
        return false;
    }
}
