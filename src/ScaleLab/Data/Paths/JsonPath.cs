using System.Globalization;
using System.Text;

namespace ScaleLab.Data.Paths;

/// <summary>
/// A path to one value inside a JSON row, for nested per-run files (docs/input.md):
/// <c>hyperparameters.params</c> (keys joined by dots), <c>results[1].loss</c> (an index, negative from the
/// end), <c>results[val_data*=c4_val].loss</c> (the element of a list whose field matches), <c>["train.loss"]</c>
/// (a key holding a dot). Selector operators: <c>=</c> equal (numbers compared as numbers), <c>!=</c> not equal,
/// <c>*=</c> contains, <c>^=</c> starts with, <c>$=</c> ends with; a field that is a list matches when any element
/// does. A key step over a list applies to each element. A path must end at exactly one value.
/// </summary>
public sealed class JsonPath
{
    private JsonPath(string text, PathStep[] steps)
    {
        Text = text;
        Steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    internal PathStep[] Steps { get; }

    /// <summary>True when <paramref name="text"/> has path syntax (a dot or a bracket) rather than being a plain key.</summary>
    public static bool LooksLikePath(string text) => text.Contains('.') || text.Contains('[');

    /// <summary>Parses a path.</summary>
    /// <exception cref="ArgumentException">Malformed, with the position.</exception>
    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<PathStep>();
        int i = 0;
        bool expectKey = true;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '[')
            {
                int close = FindClose(text, i);
                steps.Add(Selector(text, i + 1, close));
                i = close + 1;
                expectKey = false;
            }
            else if (c == '.')
            {
                if (expectKey) throw Error(text, i, "a key is missing before '.'");
                i++;
                expectKey = true;
                if (i == text.Length) throw Error(text, i, "a key is missing after '.'");
            }
            else
            {
                if (!expectKey) throw Error(text, i, "'.' or '[' expected");
                int end = i;
                while (end < text.Length && text[end] is not ('.' or '[' or ']')) end++;
                if (end < text.Length && text[end] == ']') throw Error(text, end, "']' without '['");
                steps.Add(PathStep.Key(text[i..end].Trim()));
                i = end;
                expectKey = false;
            }
        }
        if (steps.Count == 0) throw Error(text, 0, "the path is empty");
        return new JsonPath(text, [.. steps]);
    }

    private static int FindClose(string text, int open)
    {
        char quote = '\0';
        for (int j = open + 1; j < text.Length; j++)
        {
            char c = text[j];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == ']') return j;
        }
        throw Error(text, text.Length, quote != '\0' ? "a quoted name is not closed" : "']' expected");
    }

    private static PathStep Selector(string text, int from, int to)
    {
        var inner = text[from..to].Trim();
        if (inner.Length == 0) throw Error(text, from, "an index, a quoted key or KEY=VALUE is expected inside []");
        if (IsQuoted(inner)) return PathStep.Key(inner[1..^1]);
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)) return PathStep.Index(index);
        foreach (var op in new[] { "!=", "*=", "^=", "$=", "=" })
        {
            int at = inner.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0) continue;
            var field = inner[..at].Trim();
            var value = inner[(at + op.Length)..].Trim();
            if (IsQuoted(value)) value = value[1..^1];
            if (field.Length == 0) throw Error(text, from, "the field before the operator is missing");
            return PathStep.Filter(field.Split('.', StringSplitOptions.TrimEntries), op, value);
        }
        throw Error(text, from, $"'{InputText.Show(inner, 40)}' is not an index, a quoted key or KEY=VALUE (operators =, !=, *=, ^=, $=)");
    }

    private static bool IsQuoted(string s) => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0];

    private static ArgumentException Error(string text, int position, string what)
    {
        var sb = new StringBuilder();
        sb.Append("path '").Append(InputText.Show(text)).Append("': ").Append(what).Append(" at character ").Append(position + 1);
        return new ArgumentException(sb.ToString());
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
