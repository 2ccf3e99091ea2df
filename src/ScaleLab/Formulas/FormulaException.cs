using System.Text;

namespace ScaleLab.Formulas;

/// <summary>
/// A formula, definition or predicate that cannot be parsed or does not make sense, with the place
/// it went wrong. <see cref="Exception.Message"/> is one logical error in several lines: a summary
/// ("formula: unexpected ')' at column 12"), the offending line of the formula and a caret under the
/// position, ready for standard error.
/// </summary>
public sealed class FormulaException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="formula">The whole text that was read.</param>
    /// <param name="position">0-based offset of the problem in <paramref name="formula"/>.</param>
    /// <param name="reason">What is wrong, e.g. <c>unexpected ')'</c>.</param>
    /// <param name="hint">What to do instead, e.g. <c>did you mean 'exp'?</c> (optional).</param>
    /// <param name="source">What the text is, e.g. <c>formula</c>, <c>definition 'D_eff'</c>, <c>--where</c>.</param>
    /// <param name="length">How many characters the caret marks (at least 1).</param>
    public FormulaException(string formula, int position, string reason, string? hint = null, string? source = null, int length = 1)
        : this(formula, position, reason, hint, source, length, null, 0, 0)
    {
    }

    private FormulaException(string formula, int position, string reason, string? hint, string? source, int length, string? file, int fileLine, int fileColumn)
        : base(Compose(formula, Math.Clamp(position, 0, formula.Length), reason, hint, source, Math.Max(1, length), file, fileLine, fileColumn))
    {
        Formula = formula;
        Position = Math.Clamp(position, 0, formula.Length);
        Reason = reason;
        Hint = hint;
        Subject = source ?? "formula";
        Length = Math.Max(1, length);
        File = file;
        FileLine = fileLine;
        FileColumn = fileColumn;
        (Line, Column) = LineAndColumn(formula, Position);
    }

    /// <summary>The text that was read.</summary>
    public string Formula { get; }

    /// <summary>0-based offset of the problem.</summary>
    public int Position { get; }

    /// <summary>How many characters the caret marks.</summary>
    public int Length { get; }

    /// <summary>1-based line of the problem within <see cref="Formula"/> (1 unless the formula spans lines).</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem within its line of <see cref="Formula"/>.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>What to do instead, or null.</summary>
    public string? Hint { get; }

    /// <summary>What the text is (<c>formula</c>, <c>definition 'D_eff'</c>, <c>--where</c> …).</summary>
    public string Subject { get; }

    /// <summary>The file the formula was read from, or null.</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/> where the formula text starts (0 without a file).</summary>
    public int FileLine { get; }

    /// <summary>1-based column in <see cref="File"/> where the formula text starts (0 without a file).</summary>
    public int FileColumn { get; }

    /// <summary>The first line of the message: where and what, without the caret lines.</summary>
    public string Summary => Message.Split('\n')[0];

    /// <summary>The same error placed in a file whose text of the formula starts at 1-based <paramref name="line"/>, <paramref name="column"/>.</summary>
    public FormulaException InFile(string file, int line, int column) =>
        new(Formula, Position, Reason, Hint, Subject, Length, file, line, column);

    private static (int Line, int Column) LineAndColumn(string text, int position)
    {
        int line = 1, start = 0;
        for (int i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; start = i + 1; }
        }
        return (line, position - start + 1);
    }

    private static string Compose(string formula, int position, string reason, string? hint, string? source, int length,
        string? file, int fileLine, int fileColumn)
    {
        var (line, column) = LineAndColumn(formula, position);
        var lines = formula.Split('\n');
        var sb = new StringBuilder();
        if (file is not null)
        {
            int l = fileLine + line - 1, c = line == 1 ? fileColumn + column - 1 : column;
            sb.Append(file).Append(':').Append(l).Append(':').Append(c).Append(": ");
        }
        sb.Append(source ?? "formula").Append(": ").Append(reason);
        sb.Append(lines.Length > 1 ? $" at line {line}, column {column}" : $" at column {column}");
        if (hint is not null) sb.Append("; ").Append(hint);
        var text = lines[line - 1].TrimEnd('\r');
        // Tabs keep their width so the caret stays under the right character.
        var pad = new StringBuilder();
        for (int i = 0; i < column - 1 && i < text.Length; i++) pad.Append(text[i] == '\t' ? '\t' : ' ');
        int marks = Math.Max(1, Math.Min(length, text.Length - (column - 1)));
        sb.Append('\n').Append("  ").Append(text).Append('\n').Append("  ").Append(pad).Append('^', marks);
        return sb.ToString();
    }
}
