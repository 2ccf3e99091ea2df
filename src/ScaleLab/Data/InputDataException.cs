namespace ScaleLab.Data;

/// <summary>
/// Bad user input: a file that cannot be read as observations. The message names the file, the
/// 1-based data row and the column where those are known, and what was allowed instead.
/// </summary>
public sealed class InputDataException : Exception
{
    /// <summary>Creates the exception; the message is assembled from the location and the reason.</summary>
    public InputDataException(string source, int? row, string? column, string reason)
        : base(Compose(source, row, column, reason))
    {
        SourceName = source;
        Row = row;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file (or other source) that was read.</summary>
    public string SourceName { get; }

    /// <summary>1-based data row (the header is row 0), if the problem is in one row.</summary>
    public int? Row { get; }

    /// <summary>The column as the file spells it, if the problem is in one column.</summary>
    public string? Column { get; }

    /// <summary>What is wrong and what is allowed.</summary>
    public string Reason { get; }

    // Control characters are escaped and a long column name is cut (InputText): the message stays one short line.
    private static string Compose(string source, int? row, string? column, string reason)
    {
        var where = InputText.Escape(source);
        if (row is { } r) where += $", row {r}";
        if (column is not null) where += $", column '{InputText.Show(column)}'";
        return $"{where}: {InputText.Escape(reason)}";
    }
}
