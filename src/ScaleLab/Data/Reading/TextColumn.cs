namespace ScaleLab.Data.Reading;

/// <summary>
/// A column of text cells kept as one character buffer and offsets: about 4 bytes plus the characters per
/// cell and no string object per row, so that tag columns of 10^7 rows do not cost 10^7 strings. Strings
/// are made only when a row is looked at.
/// </summary>
internal sealed class TextColumn
{
    private char[] _chars;
    private int _length;
    // Start of cell i at _starts[i]; a negative start marks an absent cell (JSON null or a missing key).
    private int[] _starts;
    private int _count;

    public TextColumn(int capacity = 16)
    {
        _chars = new char[Math.Max(16, capacity * 4)];
        _starts = new int[Math.Max(2, capacity + 1)];
    }

    public int Count => _count;

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            long size = Math.Max((long)_chars.Length * 2, (long)_length + text.Length);
            if (size > Array.MaxLength) throw new InvalidDataException("a text column holds more than 2^31 characters");
            Array.Resize(ref _chars, (int)size);
        }
        text.CopyTo(_chars.AsSpan(_length));
        Push(_length);
        _length += text.Length;
    }

    public void AppendAbsent() => Push(-1 - _length);

    private void Push(int start)
    {
        if (_count + 2 > _starts.Length) Array.Resize(ref _starts, _starts.Length * 2);
        _starts[_count++] = start;
    }

    private int End(int i)
    {
        if (i + 1 < _count)
        {
            int next = _starts[i + 1];
            return next >= 0 ? next : -1 - next;
        }
        return _length;
    }

    public bool IsAbsent(int i) => _starts[i] < 0;

    /// <summary>The cell's characters (empty for an absent cell).</summary>
    public ReadOnlySpan<char> Span(int i)
    {
        int start = _starts[i];
        return start < 0 ? default : _chars.AsSpan(start, End(i) - start);
    }

    /// <summary>The cell as a string, or null when absent.</summary>
    public string? Get(int i) => IsAbsent(i) ? null : new string(Span(i));

    /// <summary>The cells at <paramref name="indices"/>, in that order.</summary>
    public TextColumn Select(ReadOnlySpan<int> indices)
    {
        var result = new TextColumn(indices.Length);
        foreach (var i in indices)
        {
            if (IsAbsent(i)) result.AppendAbsent();
            else result.Append(Span(i));
        }
        return result;
    }

    /// <summary>True when every cell is absent or white space.</summary>
    public bool IsBlank()
    {
        for (int i = 0; i < _count; i++) if (!Span(i).IsWhiteSpace()) return false;
        return true;
    }
}
