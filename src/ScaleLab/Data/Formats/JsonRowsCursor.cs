using System.Text.Json;
using ScaleLab.Data.Paths;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Formats;

/// <summary>
/// Rows that are JSON objects: an array of objects, an object holding a "runs" or "rows" array, JSON Lines
/// (one object per line), or a folder or glob of per-run files (one object per file). Columns are the
/// top-level keys in order of first appearance; nested values are reached by <see cref="JsonPath"/>. A key
/// that appears twice in one object is an error, since which value is meant cannot be told.
/// </summary>
internal sealed class JsonRowsCursor : TableCursor
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly string _source;
    private readonly List<JsonDocument> _documents;
    private readonly List<Entry> _rows;
    private readonly string[] _columns;
    private readonly Dictionary<string, int> _index;
    private readonly JsonElement?[] _cells;
    private readonly List<Diagnostic> _diagnostics = [];
    private string? _text;
    private int _current = -1;

    private JsonRowsCursor(string source, List<JsonDocument> documents, List<Entry> rows)
    {
        _source = source;
        _documents = documents;
        _rows = rows;
        var columns = new List<string>();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in rows)
        {
            if (entry.Element.ValueKind != JsonValueKind.Object)
            {
                throw new InputDataException(entry.File, entry.RowInFile, null,
                    $"expected an object with one property per column, found {entry.Element.ValueKind.ToString().ToLowerInvariant()}");
            }
            foreach (var property in entry.Element.EnumerateObject())
            {
                var name = JsonCells.Name(property);
                if (_index.TryAdd(name, columns.Count)) columns.Add(name);
            }
        }
        _columns = [.. columns];
        _cells = new JsonElement?[_columns.Length];
    }

    private readonly record struct Entry(string File, int? RowInFile, JsonElement Element);

    /// <summary>A JSON array of objects, or an object with a "runs" or "rows" array.</summary>
    public static JsonRowsCursor Table(ReadOnlyMemory<byte> json, string source)
    {
        if (IsBlank(json.Span)) throw new InputDataException(source, null, null, "the file is empty");
        var document = Parse(json, source, null);
        var rows = new List<Entry>();
        try
        {
            var array = RowsOf(document.RootElement, source);
            if (array is not { } found)
            {
                throw new InputDataException(source, null, null,
                    "expected a JSON array of objects, or an object with a \"runs\" or \"rows\" array (a folder or glob of per-run files reads one object per file)");
            }
            int row = 0;
            foreach (var element in found.EnumerateArray()) rows.Add(new Entry(source, ++row, element));
        }
        catch
        {
            document.Dispose();
            throw;
        }
        return new JsonRowsCursor(source, [document], rows);
    }

    /// <summary>JSON Lines: one object per non-blank line.</summary>
    public static JsonRowsCursor Lines(ReadOnlyMemory<byte> json, string source)
    {
        var documents = new List<JsonDocument>();
        var rows = new List<Entry>();
        try
        {
            var span = json.Span;
            int start = 0, row = 0;
            while (start <= span.Length)
            {
                int end = span[start..].IndexOf((byte)'\n');
                int stop = end < 0 ? span.Length : start + end;
                var line = json[start..stop];
                if (!IsBlank(line.Span))
                {
                    var document = Parse(line, source, ++row);
                    documents.Add(document);
                    rows.Add(new Entry(source, row, document.RootElement));
                }
                if (end < 0) break;
                start = stop + 1;
            }
            if (row == 0) throw new InputDataException(source, null, null, "the file is empty");
            return new JsonRowsCursor(source, documents, rows);
        }
        catch
        {
            foreach (var d in documents) d.Dispose();
            throw;
        }
    }

    /// <summary>Per-run files: each file is one object (one row), or an array or rows/runs object of several.</summary>
    public static JsonRowsCursor Files(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Json)> files, string source)
    {
        var documents = new List<JsonDocument>();
        var rows = new List<Entry>();
        try
        {
            foreach (var (path, json) in files)
            {
                if (IsBlank(json.Span)) throw new InputDataException(path, null, null, "the file is empty");
                var document = Parse(json, path, null);
                documents.Add(document);
                var root = document.RootElement;
                if (RowsOf(root, path) is { } array)
                {
                    int row = 0;
                    foreach (var element in array.EnumerateArray()) rows.Add(new Entry(path, ++row, element));
                }
                else rows.Add(new Entry(path, null, root));
            }
            return new JsonRowsCursor(source, documents, rows);
        }
        catch
        {
            foreach (var d in documents) d.Dispose();
            throw;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    // The array of rows: the root array, or the root object's "runs" or "rows" array (not both: one would be ignored).
    private static JsonElement? RowsOf(JsonElement root, string source)
    {
        if (root.ValueKind == JsonValueKind.Array) return root;
        if (root.ValueKind != JsonValueKind.Object) return null;
        JsonElement? found = null;
        string? foundName = null;
        foreach (var property in root.EnumerateObject())
        {
            var name = JsonCells.Name(property);
            if (!(name.Equals("runs", StringComparison.OrdinalIgnoreCase) || name.Equals("rows", StringComparison.OrdinalIgnoreCase))
                || property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            if (foundName is not null)
            {
                throw new InputDataException(source, null, null,
                    $"the object holds both a \"{foundName}\" and a \"{InputText.Show(name, 20)}\" array; keep one (which to read cannot be told)");
            }
            found = property.Value;
            foundName = name;
        }
        return found;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string source, int? row)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var where = row is null && ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InputDataException(source, row, null, $"not valid JSON{where}: {FirstSentence(ex.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int k = message.IndexOf(". ", StringComparison.Ordinal);
        return InputText.Show(k > 0 ? message[..k] : message.TrimEnd('.'), 160);
    }

    public override string Source => _source;

    public override IReadOnlyList<string> Columns => _columns;

    public override int Row => _current + 1;

    public override string RowSource => _rows[_current].File;

    public override int? RowInSource => _rows[_current].RowInFile;

    public override bool SupportsPaths => true;

    public override IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Adds what the caller found out about the input (its encoding).</summary>
    public void Note(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    public override bool MoveNext()
    {
        if (++_current >= _rows.Count) return false;
        Array.Clear(_cells);
        foreach (var property in _rows[_current].Element.EnumerateObject())
        {
            var name = JsonCells.Name(property);
            int column = _index[name];
            if (_cells[column] is not null)
            {
                throw new InputDataException(RowSource, RowInSource, name,
                    "the key appears twice in this object (JSON readers would silently keep the last value): keep one");
            }
            _cells[column] = property.Value;
        }
        return true;
    }

    public override CellKind Cell(int column, out ReadOnlySpan<char> text) => Of(_cells[column], out text);

    public override CellKind Cell(JsonPath path, out ReadOnlySpan<char> text)
    {
        bool found;
        JsonElement value;
        string failure;
        try
        {
            found = PathEvaluation.TrySelect(path, _rows[_current].Element, out value, out failure);
        }
        catch (DuplicateKeyException ex)
        {
            throw new InputDataException(RowSource, RowInSource, path.Text, ex.Message + " on the path, so its value cannot be told");
        }
        if (!found) throw new InputDataException(RowSource, RowInSource, path.Text, failure);
        return Of(value, out text);
    }

    private CellKind Of(JsonElement? cell, out ReadOnlySpan<char> text)
    {
        text = default;
        if (cell is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return CellKind.Missing;
        _text = JsonCells.Text(value);
        text = _text;
        return value.ValueKind switch
        {
            JsonValueKind.String => CellKind.Text,
            JsonValueKind.Number => CellKind.Number,
            JsonValueKind.True or JsonValueKind.False => CellKind.Boolean,
            _ => CellKind.Composite,
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var d in _documents) d.Dispose();
    }
}
