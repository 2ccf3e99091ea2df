namespace ScaleLab.Formulas.LawFiles;

/// <summary>
/// A TOML value with the place it was written (1-based line and column), built from Tomlyn's syntax
/// tree so that every error of a law file can name where it is. Tables keep their keys in file order.
/// </summary>
internal sealed class TomlValue
{
    public TomlValue(TomlValueKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public TomlValueKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>A string's value.</summary>
    public string Text { get; init; } = "";

    /// <summary>Where a string's content starts (after the opening quotes), for placing errors inside it; null when escapes make offsets inexact.</summary>
    public (int Line, int Column)? ContentStart { get; init; }

    /// <summary>A number's value (integers too).</summary>
    public double Number { get; init; }

    /// <summary>A boolean's value.</summary>
    public bool Boolean { get; init; }

    /// <summary>A table's entries in file order: key, where the key is, value.</summary>
    public List<(string Key, int Line, int Column, TomlValue Value)> Entries { get; } = [];

    /// <summary>An array's items.</summary>
    public List<TomlValue> Items { get; } = [];

    public TomlValue? Get(string key)
    {
        foreach (var e in Entries) if (e.Key == key) return e.Value;
        return null;
    }

    public string Describe() => Kind switch
    {
        TomlValueKind.Table => "a table",
        TomlValueKind.Array => "an array",
        TomlValueKind.String => "text",
        TomlValueKind.Number => "a number",
        TomlValueKind.Boolean => "true or false",
        _ => "a date or time",
    };
}
