using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Formats;

/// <summary>
/// RFC 4180 delimited text read forward through one buffer: fields separated by a comma, semicolon or tab,
/// double-quoted fields that may hold separators, line breaks and doubled quotes, CRLF or LF line ends.
/// Blank lines are skipped, and so is a line starting with <c>#</c> before the header, or after it when its
/// field count differs from the header's (so a data row whose first cell is a colour like <c>#faebdd</c>
/// stays a row). Cells are slices of the buffer: nothing is allocated per row.
/// </summary>
internal sealed class DelimitedCursor : TableCursor
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char _separator;
    private readonly string[] _columns;
    private readonly List<Diagnostic> _diagnostics = [];
    private char[] _buffer = new char[1 << 16];
    private int _position, _length;
    private bool _endOfInput;
    private int[] _starts = new int[16], _lengths = new int[16];
    private bool[] _escaped = new bool[16];
    private int _fields;
    private char[] _scratch = new char[64];
    // Records completed so far (the header is record 0), as the row numbers of messages count them.
    private int _records;
    private int _comments;

    public DelimitedCursor(TextReader reader, string source, char separator)
    {
        _reader = reader;
        _source = source;
        _separator = separator;
        if (!ReadRecord(header: true)) throw new InputDataException(source, null, null, "the file is empty");
        var header = new string[_fields];
        for (int i = 0; i < header.Length; i++)
        {
            var name = Field(i).Trim();
            // A byte-order mark survives when the caller's reader did not detect the encoding.
            if (i == 0) name = name.TrimStart('\uFEFF').Trim();
            header[i] = name.Length == 0 ? $"column{i + 1}" : new string(name);
        }
        _columns = header;
    }

    public override string Source => _source;

    public override IReadOnlyList<string> Columns => _columns;

    public override int Row => _records - 1;

    public override IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            if (_comments == 0) return _diagnostics;
            return [.. _diagnostics, Diagnostic.Info("comment-lines", $"skipped {_comments} comment line(s) starting with #")];
        }
    }

    /// <summary>Adds what the caller found out about the text (its delimiter, its encoding).</summary>
    public void Note(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    public override bool MoveNext()
    {
        if (!ReadRecord(header: false)) return false;
        if (_fields != _columns.Length)
        {
            var extra = _fields > _columns.Length
                ? $" (the first extra field is '{InputText.Show(Field(_columns.Length), 40)}': an unquoted separator or a decimal comma inside a value?)"
                : $" (no value for column '{InputText.Show(_columns[_fields], 40)}')";
            throw new InputDataException(_source, Row, null, $"has {_fields} fields but the header has {_columns.Length}{extra}");
        }
        return true;
    }

    public override CellKind Cell(int column, out ReadOnlySpan<char> text)
    {
        text = Field(column);
        return CellKind.Text;
    }

    private ReadOnlySpan<char> Field(int i)
    {
        var raw = _buffer.AsSpan(_starts[i], _lengths[i]);
        if (!_escaped[i]) return raw;
        // A quoted field with doubled quotes: unescape into the scratch buffer.
        if (_scratch.Length < raw.Length) _scratch = new char[Math.Max(raw.Length, _scratch.Length * 2)];
        int k = 0;
        for (int j = 0; j < raw.Length; j++)
        {
            _scratch[k++] = raw[j];
            if (raw[j] == '"' && j + 1 < raw.Length && raw[j + 1] == '"') j++;
        }
        return _scratch.AsSpan(0, k);
    }

    // Reads the next non-blank, non-comment record into the field arrays; false at the end of the input.
    private bool ReadRecord(bool header)
    {
        while (true)
        {
            int start = _position;
            var outcome = TryParseRecord(start);
            if (outcome == Parse.NeedMore)
            {
                Refill(start);
                continue;
            }
            if (outcome == Parse.End) return false;
            if (outcome == Parse.Blank) continue;
            if (_buffer[start] == '#' && (header || _fields != _columns.Length))
            {
                _comments++;
                continue;
            }
            _records++;
            return true;
        }
    }

    private enum Parse
    {
        Record,
        Blank,
        End,
        NeedMore,
    }

    // Parses one record starting at p; on NeedMore nothing is consumed.
    private Parse TryParseRecord(int p)
    {
        if (p >= _length)
        {
            if (!_endOfInput) return Parse.NeedMore;
            return Parse.End;
        }
        _fields = 0;
        bool sawQuote = false;
        while (true)
        {
            int fieldStart = p;
            bool escaped = false;
            int contentStart, contentEnd;
            if (p < _length && _buffer[p] == '"')
            {
                sawQuote = true;
                contentStart = ++p;
                while (true)
                {
                    int q = _buffer.AsSpan(p, _length - p).IndexOf('"');
                    if (q < 0)
                    {
                        if (!_endOfInput) return Parse.NeedMore;
                        throw new InputDataException(_source, _records, null, "a quoted field is not closed before the end of the file");
                    }
                    q += p;
                    if (q + 1 >= _length && !_endOfInput) return Parse.NeedMore;
                    if (q + 1 < _length && _buffer[q + 1] == '"')
                    {
                        escaped = true;
                        p = q + 2;
                        continue;
                    }
                    contentEnd = q;
                    p = q + 1;
                    break;
                }
                while (p < _length && _buffer[p] is ' ' or '\t' && _buffer[p] != _separator) p++;
                if (p >= _length && !_endOfInput) return Parse.NeedMore;
                if (p < _length && _buffer[p] != _separator && _buffer[p] is not ('\r' or '\n'))
                {
                    throw new InputDataException(_source, _records, null,
                        $"unexpected character '{InputText.Show([_buffer[p]])}' after a closing quote (a quote inside a quoted field must be doubled: \"\")");
                }
            }
            else
            {
                int q = _buffer.AsSpan(p, _length - p).IndexOfAny(_separator, '\r', '\n');
                if (q < 0)
                {
                    if (!_endOfInput) return Parse.NeedMore;
                    q = _length - p;
                }
                contentStart = fieldStart;
                contentEnd = p + q;
                p = contentEnd;
            }
            AddField(contentStart, contentEnd - contentStart, escaped);
            if (p < _length && _buffer[p] == _separator)
            {
                p++;
                continue;
            }
            // End of the record: a line break or the end of the input.
            if (p < _length && _buffer[p] == '\r')
            {
                if (p + 1 >= _length && !_endOfInput) return Parse.NeedMore;
                p++;
                if (p < _length && _buffer[p] == '\n') p++;
            }
            else if (p < _length && _buffer[p] == '\n') p++;
            _position = p;
            // A line of only white space counts as blank.
            if (_fields == 1 && !sawQuote && _buffer.AsSpan(_starts[0], _lengths[0]).IsWhiteSpace()) return Parse.Blank;
            return Parse.Record;
        }
    }

    private void AddField(int start, int length, bool escaped)
    {
        if (_fields == _starts.Length)
        {
            Array.Resize(ref _starts, _fields * 2);
            Array.Resize(ref _lengths, _fields * 2);
            Array.Resize(ref _escaped, _fields * 2);
        }
        _starts[_fields] = start;
        _lengths[_fields] = length;
        _escaped[_fields++] = escaped;
    }

    // Keeps the unfinished record (from start) and reads more after it, growing the buffer for a record longer than it.
    private void Refill(int start)
    {
        int kept = _length - start;
        if (start > 0) Array.Copy(_buffer, start, _buffer, 0, kept);
        else if (kept == _buffer.Length)
        {
            if (_buffer.Length >= Array.MaxLength / 2) throw new InputDataException(_source, _records, null, "a record is longer than 1 GB");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        _position = 0;
        _length = kept;
        int read = _reader.ReadBlock(_buffer, _length, _buffer.Length - _length);
        if (read == 0) _endOfInput = true;
        _length += read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _reader.Dispose();
    }
}
