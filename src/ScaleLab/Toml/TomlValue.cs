namespace ScaleLab.Toml;

/// <summary>
/// A TOML value with the place it was written (1-based line and column), built from Tomlyn's syntax
/// tree so that every error of a file can name where it is. Tables keep their keys in file order.
/// </summary>
public sealed class TomlValue
{
    private readonly List<(string Key, int Line, int Column, TomlValue Value)> _entries = [];
    private readonly List<TomlValue> _items = [];

    internal TomlValue(TomlValueKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    /// <summary>What the value is.</summary>
    public TomlValueKind Kind { get; }

    /// <summary>1-based line of the value.</summary>
    public int Line { get; }

    /// <summary>1-based column of the value.</summary>
    public int Column { get; }

    /// <summary>A string's value.</summary>
    public string Text { get; init; } = "";

    /// <summary>Where a string's content starts (after the opening quotes), for placing errors inside it; null when escapes make offsets inexact.</summary>
    public (int Line, int Column)? ContentStart { get; init; }

    /// <summary>A number's value (integers too).</summary>
    public double Number { get; init; }

    /// <summary>True when a number was written as an integer (no fraction, no exponent).</summary>
    public bool IsInteger { get; init; }

    /// <summary>A boolean's value.</summary>
    public bool Boolean { get; init; }

    /// <summary>A table's entries in file order: key, where the key is, value.</summary>
    public IReadOnlyList<(string Key, int Line, int Column, TomlValue Value)> Entries => _entries;

    /// <summary>An array's items.</summary>
    public IReadOnlyList<TomlValue> Items => _items;

    /// <summary>The value at <paramref name="key"/> of a table, or null.</summary>
    public TomlValue? Get(string key)
    {
        foreach (var e in _entries) if (e.Key == key) return e.Value;
        return null;
    }

    /// <summary>Where a character of a string's content is: <paramref name="offset"/> counts from the content's start; the string's own place when offsets are inexact.</summary>
    public (int Line, int Column) PlaceOf(int offset)
    {
        if (ContentStart is not { } start || offset < 0 || offset > Text.Length) return (Line, Column);
        int line = start.Line, column = start.Column;
        for (int i = 0; i < offset; i++)
        {
            if (Text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return (line, column);
    }

    /// <summary>The kind in words, for messages: "a table", "text", "a number", ….</summary>
    public string Describe() => Kind switch
    {
        TomlValueKind.Table => "a table",
        TomlValueKind.Array => "an array",
        TomlValueKind.String => "text",
        TomlValueKind.Number => "a number",
        TomlValueKind.Boolean => "true or false",
        _ => "a date or time",
    };

    internal void Add(string key, int line, int column, TomlValue value) => _entries.Add((key, line, column, value));

    internal void Add(TomlValue item) => _items.Add(item);
}
