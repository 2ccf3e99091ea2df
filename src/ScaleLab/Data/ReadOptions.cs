using ScaleLab.Data.Formats;
using ScaleLab.Formulas;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>How <see cref="ObservationReader"/> reads a source: which columns mean what, and the policies for messy input.</summary>
public sealed record ReadOptions
{
    /// <summary>Column names and variable bindings; null leaves every role to recognition.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>Whether a metric column is required (false for points to predict at).</summary>
    public bool RequireMetric { get; init; } = true;

    /// <summary>What to do with rows whose metric is empty or NaN.</summary>
    public MissingPolicy Missing { get; init; } = MissingPolicy.Error;

    /// <summary>The unit of the compute column, converted to FLOP.</summary>
    public ComputeUnit ComputeUnit { get; init; } = ComputeUnit.Flop;

    /// <summary>Whether to keep the columns no role uses as tags (off saves their memory when only numbers are needed).</summary>
    public bool KeepTags { get; init; } = true;

    /// <summary>Opens standard input when the source is <c>-</c>; null: standard input is not available.</summary>
    public Func<Stream>? StandardInput { get; init; }

    /// <summary>
    /// Opens a Parquet file (the reader lives in its own assembly, ScaleLab.Parquet, to keep the core free of its
    /// dependencies); null: Parquet files are recognised and refused with a message saying so.
    /// </summary>
    public Func<Stream, string, TableCursor>? OpenParquet { get; init; }

    /// <summary>
    /// Rows to keep (<c>--where</c>): checked against the columns before any row is read, evaluated on each row as it
    /// is read, so rows left out are never parsed further; null keeps every row (docs/input.md).
    /// </summary>
    public FormulaPredicate? Where { get; init; }

    /// <summary>
    /// Columns whose values split the rows into groups (<c>--group-by</c>), in first-appearance order; empty reads one
    /// set without groups. See <see cref="ObservationSet.Groups"/>.
    /// </summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>Cancels a long read.</summary>
    public CancellationToken CancellationToken { get; init; }
}
