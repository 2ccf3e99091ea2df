namespace ScaleLab.Toml;

/// <summary>
/// A TOML file (a law file, a sweep file) that cannot be used, with every problem found in it (not
/// only the first), each naming its line and column. The message has one error per line.
/// </summary>
public abstract class TomlFileException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    protected TomlFileException(IReadOnlyList<TomlError> errors)
        : base(string.Join("\n", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<TomlError> Errors { get; }
}
