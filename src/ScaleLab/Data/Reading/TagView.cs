using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ScaleLab.Data.Reading;

/// <summary>
/// The tags of one row, read from the tag columns when asked: making a row costs nothing per tag column, so a
/// file of thousands of columns stays cheap to walk row by row.
/// </summary>
internal sealed class TagView(string[] names, TextColumn[] columns, Dictionary<string, int> index, int row) : IReadOnlyDictionary<string, string>
{
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no tag '{key}'");

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public int Count
    {
        get
        {
            int count = 0;
            foreach (var column in columns) if (!column.IsAbsent(row)) count++;
            return count;
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        value = null;
        if (!index.TryGetValue(key, out var t) || columns[t].IsAbsent(row)) return false;
        value = columns[t].Get(row)!;
        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (int t = 0; t < columns.Length; t++)
        {
            if (!columns[t].IsAbsent(row)) yield return new KeyValuePair<string, string>(names[t], columns[t].Get(row)!);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
