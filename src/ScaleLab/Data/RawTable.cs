namespace ScaleLab.Data;

/// <summary>Cells of an input file before they mean anything: column names and text cells.</summary>
internal sealed class RawTable(string source, IReadOnlyList<string> columns, IReadOnlyList<RawRow> rows)
{
    public string Source { get; } = source;

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<RawRow> Rows { get; } = rows;
}
