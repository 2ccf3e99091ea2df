using System.Globalization;
using Parquet;
using Parquet.Schema;
using ScaleLab.Data;
using ScaleLab.Data.Formats;
using ScaleLab.Diagnostics;

namespace ScaleLab.Parquet;

/// <summary>
/// Parquet as a <see cref="TableCursor"/>: one row group in memory at a time, its columns read as typed arrays;
/// numbers, booleans and strings are read, columns of other types (dates, nested lists) are kept out with a note.
/// </summary>
public sealed class ParquetCursor : TableCursor
{
    private readonly string _source;
    private readonly ParquetReader _reader;
    private readonly Stream _stream;
    private readonly DataField[] _fields;
    private readonly string[] _columns;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Array?[] _group;
    private readonly char[] _scratch = new char[32];
    private int _groupIndex = -1, _groupRows, _rowInGroup, _row;

    private ParquetCursor(string source, Stream stream, ParquetReader reader)
    {
        _source = source;
        _stream = stream;
        _reader = reader;
        var fields = new List<DataField>();
        foreach (var field in reader.Schema.GetDataFields())
        {
            if (field.IsArray || !Readable(field.ClrType))
            {
                _diagnostics.Add(Diagnostic.Info("parquet-column-skipped", $"column '{InputText.Show(field.Path.ToString())}' ({field.ClrType.Name}{(field.IsArray ? " list" : "")}) is not read"));
                continue;
            }
            fields.Add(field);
        }
        _fields = [.. fields];
        _columns = [.. fields.Select(f => f.Name)];
        _group = new Array?[_fields.Length];
    }

    /// <summary>Opens a Parquet file from <paramref name="stream"/> (copied to memory when it cannot seek, as standard input cannot).</summary>
    /// <exception cref="InputDataException">Not a readable Parquet file.</exception>
    public static TableCursor Open(Stream stream, string source)
    {
        Stream seekable = stream;
        try
        {
            if (!stream.CanSeek)
            {
                var memory = new MemoryStream();
                stream.CopyTo(memory);
                memory.Position = 0;
                stream.Dispose();
                seekable = memory;
            }
            var reader = ParquetReader.CreateAsync(seekable).GetAwaiter().GetResult();
            return new ParquetCursor(source, seekable, reader);
        }
        catch (Exception ex) when (ex is not InputDataException and not OperationCanceledException)
        {
            seekable.Dispose();
            throw new InputDataException(source, null, null, $"is not a readable Parquet file ({InputText.Show(ex.Message, 160)})");
        }
    }

    private static bool Readable(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int) || type == typeof(short)
        || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort)
        || type == typeof(decimal) || type == typeof(bool) || type == typeof(string);

    /// <inheritdoc />
    public override string Source => _source;

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc />
    public override int Row => _row;

    /// <inheritdoc />
    public override IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <inheritdoc />
    public override bool MoveNext()
    {
        while (_rowInGroup + 1 >= _groupRows)
        {
            if (_groupIndex + 1 >= _reader.RowGroupCount) return false;
            LoadGroup(++_groupIndex);
        }
        _rowInGroup++;
        _row++;
        return true;
    }

    private void LoadGroup(int index)
    {
        try
        {
            using var group = _reader.OpenRowGroupReader(index);
            _groupRows = checked((int)group.RowCount);
            _rowInGroup = -1;
            for (int k = 0; k < _fields.Length; k++) _group[k] = ReadColumn(group, _fields[k], _groupRows);
        }
        catch (Exception ex) when (ex is not InputDataException and not OperationCanceledException)
        {
            throw new InputDataException(_source, null, null, $"row group {index + 1} cannot be read ({InputText.Show(ex.Message, 160)})");
        }
    }

    private static Array ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string))
        {
            var strings = new string?[rows];
            group.ReadAsync(field, strings.AsMemory(), null, default).GetAwaiter().GetResult();
            return strings;
        }
        if (type == typeof(double)) return Read<double>(group, field, rows);
        if (type == typeof(float)) return Read<float>(group, field, rows);
        if (type == typeof(long)) return Read<long>(group, field, rows);
        if (type == typeof(int)) return Read<int>(group, field, rows);
        if (type == typeof(short)) return Read<short>(group, field, rows);
        if (type == typeof(byte)) return Read<byte>(group, field, rows);
        if (type == typeof(sbyte)) return Read<sbyte>(group, field, rows);
        if (type == typeof(ulong)) return Read<ulong>(group, field, rows);
        if (type == typeof(uint)) return Read<uint>(group, field, rows);
        if (type == typeof(ushort)) return Read<ushort>(group, field, rows);
        if (type == typeof(decimal)) return Read<decimal>(group, field, rows);
        return Read<bool>(group, field, rows);
    }

    private static T?[] Read<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable)
        {
            group.ReadAsync(field, values.AsMemory(), null, default).GetAwaiter().GetResult();
            return values;
        }
        var plain = new T[rows];
        group.ReadAsync(field, plain.AsMemory(), null, default).GetAwaiter().GetResult();
        for (int i = 0; i < rows; i++) values[i] = plain[i];
        return values;
    }

    /// <inheritdoc />
    public override CellKind Cell(int column, out ReadOnlySpan<char> text)
    {
        text = default;
        int i = _rowInGroup;
        switch (_group[column])
        {
            case string?[] strings:
                if (strings[i] is not { } s) return CellKind.Missing;
                text = s;
                return CellKind.Text;
            case bool?[] flags:
                if (flags[i] is not { } b) return CellKind.Missing;
                text = b ? "true" : "false";
                return CellKind.Boolean;
            case double?[] doubles: return Number(doubles[i], out text);
            case float?[] floats: return Number(floats[i], out text);
            case long?[] longs: return Number(longs[i], out text);
            case int?[] ints: return Number(ints[i], out text);
            case short?[] shorts: return Number(shorts[i], out text);
            case byte?[] bytes: return Number(bytes[i], out text);
            case sbyte?[] sbytes: return Number(sbytes[i], out text);
            case ulong?[] ulongs: return Number(ulongs[i], out text);
            case uint?[] uints: return Number(uints[i], out text);
            case ushort?[] ushorts: return Number(ushorts[i], out text);
            case decimal?[] decimals: return Number(decimals[i], out text);
            default: return CellKind.Missing;
        }
    }

    // The number as round-trip text, for the reader's one number parser.
    private CellKind Number<T>(T? value, out ReadOnlySpan<char> text) where T : struct, ISpanFormattable
    {
        text = default;
        if (value is not { } v) return CellKind.Missing;
        if (!v.TryFormat(_scratch, out int written, v is double or float ? "R" : default, CultureInfo.InvariantCulture)) return CellKind.Missing;
        text = _scratch.AsSpan(0, written);
        return CellKind.Number;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
