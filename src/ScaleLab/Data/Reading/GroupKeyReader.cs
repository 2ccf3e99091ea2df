using ScaleLab.Data.Formats;

namespace ScaleLab.Data.Reading;

/// <summary>
/// The <c>--group-by</c> columns bound to a table: each row's group is the tuple of its (trimmed) cells in those
/// columns, numbered in the order groups first appear. A name is a column (ignoring case, as the column options
/// are), a JSON path into per-run files, or a role's key (<c>run</c>, <c>group</c>, <c>params</c>, …) for the column
/// that role was read from. Looking a row's group up allocates nothing once the group is known.
/// </summary>
internal sealed class GroupKeyReader
{
    private const char Separator = '\u001f';

    private readonly TableCursor _cursor;
    private readonly CellSource[] _cells;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string[]> _values = [];
    private char[] _key = new char[64];

    private GroupKeyReader(TableCursor cursor, string[] columns, CellSource[] cells)
    {
        _cursor = cursor;
        Columns = columns;
        _cells = cells;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The columns as the table names them.</summary>
    public string[] Columns { get; }

    /// <summary>The values of each group, in first-appearance order.</summary>
    public IReadOnlyList<string[]> Values => _values;

    /// <summary>Binds <paramref name="names"/>; a name that is no column is an <see cref="InputDataException"/> naming its near misses.</summary>
    public static GroupKeyReader Bind(IReadOnlyList<string> names, TableCursor cursor, ColumnPlan? plan)
    {
        var cells = new CellSource[names.Count];
        var columns = new string[names.Count];
        for (int k = 0; k < names.Count; k++)
        {
            var name = names[k].Trim();
            if (ColumnAssigner.FindColumn(cursor.Columns, name) < 0 && ColumnAliases.FromKey(name) is { } role && plan?.For(role) is { } roleCell)
            {
                cells[k] = roleCell;
            }
            else
            {
                cells[k] = ColumnAssigner.Resolve(cursor, name, "named in --group-by");
            }
            columns[k] = cells[k].Name;
        }
        for (int k = 0; k < columns.Length; k++)
        {
            for (int j = 0; j < k; j++)
            {
                if (cells[j] == cells[k]) throw new InputDataException(cursor.Source, null, columns[k], "named twice in --group-by");
            }
        }
        return new GroupKeyReader(cursor, columns, cells);
    }

    /// <summary>The group of the cursor's current row (a new one when its values were not seen before).</summary>
    public int Read()
    {
        int length = 0;
        for (int k = 0; k < _cells.Length; k++)
        {
            var text = Cell(k);
            if (length + text.Length + 1 > _key.Length) Array.Resize(ref _key, Math.Max(2 * _key.Length, length + text.Length + 1));
            if (k > 0) _key[length++] = Separator;
            text.CopyTo(_key.AsSpan(length));
            length += text.Length;
        }
        var key = _key.AsSpan(0, length);
        if (_lookup.TryGetValue(key, out int group)) return group;
        var values = new string[_cells.Length];
        for (int k = 0; k < values.Length; k++) values[k] = new string(Cell(k));
        group = _values.Count;
        _index[new string(key)] = group;
        _values.Add(values);
        return group;
    }

    private ReadOnlySpan<char> Cell(int k)
    {
        var cell = _cells[k];
        var kind = cell.Path is { } path ? _cursor.Cell(path, out var text) : _cursor.Cell(cell.Column, out text);
        return kind == CellKind.Missing ? default : text.Trim();
    }
}
