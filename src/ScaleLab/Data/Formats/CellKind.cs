namespace ScaleLab.Data.Formats;

/// <summary>What a cell of a <see cref="TableCursor"/> holds.</summary>
public enum CellKind
{
    /// <summary>No value: a JSON null or a key the row lacks (a CSV cell is never missing, only empty).</summary>
    Missing,

    /// <summary>Text, possibly empty; numbers in CSV are text too.</summary>
    Text,

    /// <summary>A JSON or Parquet number, as written.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A JSON object or array, as written.</summary>
    Composite,
}
