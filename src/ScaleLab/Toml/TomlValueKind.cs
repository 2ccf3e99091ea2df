namespace ScaleLab.Toml;

/// <summary>Kinds of TOML values.</summary>
public enum TomlValueKind
{
    /// <summary>A table: [section], a dotted key or an inline table.</summary>
    Table,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>An integer or a float.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A date or time (no file format of ScaleLab uses them).</summary>
    Other,
}
