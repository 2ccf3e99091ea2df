namespace ScaleLab.Data;

/// <summary>
/// One group of rows of a grouped read (<c>--group-by</c>, <see cref="ReadOptions.GroupBy"/>): the values the rows
/// share in the grouping columns, and the rows themselves as a set of their own, which every analysis takes as it
/// takes a whole file.
/// </summary>
public sealed class RowGroup
{
    /// <summary>Creates a group.</summary>
    public RowGroup(IReadOnlyList<string> columns, IReadOnlyList<string> values, ObservationSet data)
    {
        if (columns.Count != values.Count) throw new ArgumentException("one value per grouping column", nameof(values));
        Columns = columns;
        Values = values;
        Data = data;
        Name = NameOf(values);
    }

    /// <summary>The grouping columns as the source names them.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows' values in <see cref="Columns"/> (an empty cell is "").</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The group's name in tables and documents: the values joined by " / ", an empty one shown as "(empty)".</summary>
    public string Name { get; }

    /// <summary>The group's rows, with their row numbers in the source.</summary>
    public ObservationSet Data { get; }

    /// <summary>The values as <c>source = 'llama_3', condition = 'raw_loss'</c>, for messages.</summary>
    public string Describe() => Describe(Columns, Values);

    /// <summary>Values of grouping columns as <c>source = 'llama_3', condition = 'raw_loss'</c>.</summary>
    public static string Describe(IReadOnlyList<string> columns, IReadOnlyList<string> values) =>
        string.Join(", ", columns.Select((c, k) => $"{InputText.Show(c)} = '{InputText.Show(values[k])}'"));

    /// <summary>The name of a group with these values.</summary>
    public static string NameOf(IReadOnlyList<string> values) => string.Join(" / ", values.Select(v => v.Length == 0 ? "(empty)" : v));
}
