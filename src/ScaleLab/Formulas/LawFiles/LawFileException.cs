using ScaleLab.Toml;

namespace ScaleLab.Formulas.LawFiles;

/// <summary>
/// A law file that cannot be used, with every problem found in it (not only the first), each naming
/// its line and column. The message has one error per line (formula errors add their caret lines).
/// </summary>
public sealed class LawFileException : TomlFileException
{
    /// <summary>Creates the exception from the errors found.</summary>
    public LawFileException(IReadOnlyList<TomlError> errors)
        : base(errors)
    {
    }
}
