namespace ScaleLab.Formulas.LawFiles;

/// <summary>Kinds of TOML values a law file can hold.</summary>
internal enum TomlValueKind
{
    Table,
    Array,
    String,
    Number,
    Boolean,
    Other,
}
