using ScaleLab.Data.Paths;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Formats;

/// <summary>
/// A format reader: the column names of a table, then its rows one at a time, each cell as characters that
/// stay valid until the next call. CSV/TSV, JSON, JSON Lines, per-run JSON files and Parquet each implement
/// it; what the cells mean (roles, numbers, derivation) is the reader's business, not the format's. A cursor
/// reads forward once, so a file of 10^7 rows is never held as text.
/// </summary>
public abstract class TableCursor : IDisposable
{
    /// <summary>The source as the user named it (a path, <c>-</c> for standard input, a glob).</summary>
    public abstract string Source { get; }

    /// <summary>Column names, unique ignoring case.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Moves to the next data row; false at the end.</summary>
    /// <exception cref="InputDataException">The row is malformed.</exception>
    public abstract bool MoveNext();

    /// <summary>1-based number of the current row across the whole input.</summary>
    public abstract int Row { get; }

    /// <summary>The file the current row comes from (the source, unless it names many files).</summary>
    public virtual string RowSource => Source;

    /// <summary>The current row's number within <see cref="RowSource"/> for messages, or null when the file is the row.</summary>
    public virtual int? RowInSource => Row;

    /// <summary>The cell of <paramref name="column"/> in the current row.</summary>
    public abstract CellKind Cell(int column, out ReadOnlySpan<char> text);

    /// <summary>True when cells can be addressed by a path into nested values (JSON).</summary>
    public virtual bool SupportsPaths => false;

    /// <summary>The value at <paramref name="path"/> in the current row (only when <see cref="SupportsPaths"/>).</summary>
    /// <exception cref="InputDataException">The path matches nothing or more than one value.</exception>
    public virtual CellKind Cell(JsonPath path, out ReadOnlySpan<char> text) =>
        throw new NotSupportedException($"{Source}: only JSON input has nested fields");

    /// <summary>What the format reader found (the delimiter it chose, lines it skipped).</summary>
    public virtual IReadOnlyList<Diagnostic> Diagnostics => [];

    /// <summary>Releases the input.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the input.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
