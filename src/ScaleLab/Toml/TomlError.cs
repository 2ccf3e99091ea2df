namespace ScaleLab.Toml;

/// <summary>One problem in a TOML file (a law file, a sweep file), with its 1-based line and column.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong; a formula error carries its caret lines after the first line.</param>
public sealed record TomlError(string File, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
