using ScaleLab.Toml;

namespace ScaleLab.Sweeps.Files;

/// <summary>A sweep file that cannot be used, with every problem found in it, each naming its line and column; one per line of the message.</summary>
public sealed class SweepFileException : TomlFileException
{
    /// <summary>Creates the exception from the errors found.</summary>
    public SweepFileException(IReadOnlyList<TomlError> errors)
        : base(errors)
    {
    }
}
