using System.Text;

namespace ScaleLab.Cli;

/// <summary>
/// Standard output as the commands see it: writes pass through to the real writer, and a failure of the stream under
/// it (a full disk, a closed pipe) becomes one <see cref="StandardOutputException"/>, which <see cref="Program"/> turns
/// into an error line and exit code 2 instead of an unhandled exception. A command that prints a document before it
/// saves a file (<c>fit --json --out</c>) therefore stops before the file is written.
/// </summary>
internal sealed class GuardedOutput(TextWriter inner) : TextWriter
{
    /// <summary>The writer written to (the process's console, when it is one).</summary>
    public TextWriter Inner => inner;

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc />
    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine takes null to mean the default; so does the inner writer.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    /// <inheritdoc />
    public override void Write(char value) => Guard(() => inner.Write(value));

    /// <inheritdoc />
    public override void Write(string? value) => Guard(() => inner.Write(value));

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    /// <inheritdoc />
    public override void WriteLine() => Guard(inner.WriteLine);

    /// <inheritdoc />
    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException ex) when (ex is not StandardOutputException)
        {
            throw new StandardOutputException(ex);
        }
    }
}
