namespace ScaleLab.Data.Reading;

/// <summary>
/// A growing column of numbers (or row numbers, seeds) in chunks: appending never copies what was read, and <see cref="ToArray"/>
/// makes the one exact-size array the set keeps (8 bytes a value), so the peak stays near one copy.
/// </summary>
internal sealed class ChunkedColumn<T> where T : unmanaged
{
    private const int ChunkSize = 1 << 16;
    private readonly List<T[]> _full = [];
    private T[] _current = new T[256];
    private int _used;

    public int Count => _full.Count * ChunkSize + _used;

    public void Append(T value)
    {
        if (_used == _current.Length)
        {
            if (_current.Length < ChunkSize) Array.Resize(ref _current, Math.Min(ChunkSize, _current.Length * 4));
            else
            {
                _full.Add(_current);
                _current = new T[ChunkSize];
                _used = 0;
            }
        }
        _current[_used++] = value;
    }

    /// <summary>The values as one array; the chunks are released.</summary>
    public T[] ToArray()
    {
        var result = new T[Count];
        int at = 0;
        foreach (var chunk in _full)
        {
            chunk.CopyTo(result, at);
            at += chunk.Length;
        }
        Array.Copy(_current, 0, result, at, _used);
        _full.Clear();
        _current = [];
        _used = 0;
        return result;
    }
}
