using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace ScaleLab.Toml;

/// <summary>
/// Reads TOML text into <see cref="TomlValue"/> trees with positions: root keys, [tables], dotted keys
/// and inline tables all land in one nested table; [[arrays of tables]] become arrays of tables where
/// the file format has them. Syntax errors and duplicate keys become errors, all of them at once.
/// </summary>
public static class TomlTree
{
    /// <summary>
    /// The root table of <paramref name="text"/>, or null when it is not TOML (the syntax errors are in
    /// <paramref name="errors"/>). Without <paramref name="tableArrays"/>, each [[array of tables]] is an
    /// error saying it is not part of <paramref name="subject"/>.
    /// </summary>
    public static TomlValue? Parse(string text, string file, List<TomlError> errors, string subject = "this file", bool tableArrays = false)
    {
        var document = SyntaxParser.Parse(text, file, validate: false);
        if (document.HasErrors)
        {
            foreach (var d in document.Diagnostics)
            {
                if (d.Kind == DiagnosticMessageKind.Error) errors.Add(new TomlError(file, d.Span.Start.Line + 1, d.Span.Start.Column + 1, $"TOML syntax: {d.Message}"));
            }
            return null;
        }
        var root = new TomlValue(TomlValueKind.Table, 1, 1);
        foreach (var kv in document.KeyValues) Insert(root, kv, file, errors);
        foreach (var table in document.Tables)
        {
            var (line, column) = Position(table);
            var segments = Segments(table.Name!);
            TomlValue? target = root;
            if (table is TableArraySyntax)
            {
                if (!tableArrays)
                {
                    errors.Add(new TomlError(file, line, column, $"arrays of tables ([[...]]) are not part of {subject}"));
                    continue;
                }
                for (int k = 0; k < segments.Count - 1 && target is not null; k++) target = Child(target, segments[k].Key, segments[k].Line, segments[k].Column, file, errors);
                target = target is null ? null : NextElement(target, segments[^1].Key, line, column, file, errors);
            }
            else
            {
                foreach (var (segment, l, c) in segments) target = target is null ? null : Child(target, segment, l, c, file, errors);
            }
            if (target is null) continue;
            foreach (var kv in table.Items) Insert(target, kv, file, errors);
        }
        return root;
    }

    // A new table appended to the array of tables at key (made if absent); null with an error when the key holds something else.
    private static TomlValue? NextElement(TomlValue table, string key, int line, int column, string file, List<TomlError> errors)
    {
        var array = table.Get(key);
        if (array is null)
        {
            array = new TomlValue(TomlValueKind.Array, line, column);
            table.Add(key, line, column, array);
        }
        else if (array.Kind != TomlValueKind.Array || array.Items.Any(i => i.Kind != TomlValueKind.Table))
        {
            errors.Add(new TomlError(file, line, column, $"'{key}' is {array.Describe()} (line {array.Line}), not an array of tables"));
            return null;
        }
        var element = new TomlValue(TomlValueKind.Table, line, column);
        array.Add(element);
        return element;
    }

    private static void Insert(TomlValue table, KeyValueSyntax kv, string file, List<TomlError> errors)
    {
        var segments = Segments(kv.Key!);
        TomlValue? target = table;
        for (int k = 0; k < segments.Count - 1 && target is not null; k++) target = Child(target, segments[k].Key, segments[k].Line, segments[k].Column, file, errors);
        if (target is null) return;
        var (key, line, column) = segments[^1];
        if (target.Get(key) is not null)
        {
            errors.Add(new TomlError(file, line, column, $"key '{key}' is defined twice"));
            return;
        }
        target.Add(key, line, column, Convert(kv.Value!, file, errors));
    }

    // The sub-table at key (made if absent); null with an error when the key holds something else.
    private static TomlValue? Child(TomlValue table, string key, int line, int column, string file, List<TomlError> errors)
    {
        var existing = table.Get(key);
        if (existing is null)
        {
            var child = new TomlValue(TomlValueKind.Table, line, column);
            table.Add(key, line, column, child);
            return child;
        }
        if (existing.Kind == TomlValueKind.Table) return existing;
        errors.Add(new TomlError(file, line, column, $"'{key}' is {existing.Describe()} (line {existing.Line}), not a table"));
        return null;
    }

    private static TomlValue Convert(ValueSyntax value, string file, List<TomlError> errors)
    {
        var (line, column) = Position(value);
        switch (value)
        {
            case StringValueSyntax s:
            {
                var raw = s.Token?.Text ?? "";
                return new TomlValue(TomlValueKind.String, line, column) { Text = s.Value ?? "", ContentStart = ContentStart(raw, s.Value ?? "", line, column) };
            }
            case IntegerValueSyntax i: return new TomlValue(TomlValueKind.Number, line, column) { Number = i.Value, IsInteger = true };
            case FloatValueSyntax f: return new TomlValue(TomlValueKind.Number, line, column) { Number = f.Value };
            case BooleanValueSyntax b: return new TomlValue(TomlValueKind.Boolean, line, column) { Boolean = b.Value };
            case ArraySyntax a:
            {
                var array = new TomlValue(TomlValueKind.Array, line, column);
                foreach (var item in a.Items) array.Add(Convert(item.Value!, file, errors));
                return array;
            }
            case InlineTableSyntax t:
            {
                var table = new TomlValue(TomlValueKind.Table, line, column);
                foreach (var item in t.Items) Insert(table, item.KeyValue!, file, errors);
                return table;
            }
            default: return new TomlValue(TomlValueKind.Other, line, column);
        }
    }

    // Offsets inside a string map to file columns only when the raw text between the quotes is the value.
    private static (int Line, int Column)? ContentStart(string raw, string value, int line, int column)
    {
        int quotes = raw.StartsWith("\"\"\"", StringComparison.Ordinal) || raw.StartsWith("'''", StringComparison.Ordinal) ? 3 : 1;
        if (raw.Length < 2 * quotes) return null;
        var inner = raw[quotes..^quotes];
        if (quotes == 3 && inner.StartsWith('\n')) return inner[1..].ReplaceLineEndings("\n") == value.ReplaceLineEndings("\n") ? (line + 1, 1) : null;
        if (quotes == 3 && inner.StartsWith("\r\n", StringComparison.Ordinal)) return inner[2..].ReplaceLineEndings("\n") == value.ReplaceLineEndings("\n") ? (line + 1, 1) : null;
        return inner == value ? (line, column + quotes) : null;
    }

    private static List<(string Key, int Line, int Column)> Segments(KeySyntax key)
    {
        var result = new List<(string, int, int)>();
        Add(key.Key!);
        foreach (var dotted in key.DotKeys) Add(dotted.Key!);
        return result;

        void Add(BareKeyOrStringValueSyntax part)
        {
            var (line, column) = Position(part);
            result.Add((part switch { BareKeySyntax bare => bare.Key?.Text ?? "", StringValueSyntax s => s.Value ?? "", _ => "" }, line, column));
        }
    }

    private static (int Line, int Column) Position(SyntaxNodeBase node) => (node.Span.Start.Line + 1, node.Span.Start.Column + 1);
}
