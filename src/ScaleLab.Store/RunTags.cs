using System.Collections;
using System.Globalization;

namespace ScaleLab.Store;

/// <summary>
/// A run's named values beyond N, D and C: a sweep's extra axes (learning rate, batch size, seed) and
/// any label worth filtering or grouping by. Values are text as the sweep wrote them; the store also
/// keeps the number of each value that reads as one. Two tag sets are equal when they hold the same
/// names and values, so records holding them compare by value.
/// </summary>
public sealed class RunTags : IReadOnlyDictionary<string, string>, IEquatable<RunTags>
{
    private readonly SortedDictionary<string, string> _tags;

    /// <summary>No tags.</summary>
    public static RunTags Empty { get; } = new([]);

    /// <summary>The tags <paramref name="tags"/>; names must be non-empty and distinct.</summary>
    /// <exception cref="ArgumentException">An empty or repeated name.</exception>
    public RunTags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in tags)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a tag needs a name", nameof(tags));
            ArgumentNullException.ThrowIfNull(value, nameof(tags));
            if (!_tags.TryAdd(name, value)) throw new ArgumentException($"tag '{name}' is given twice", nameof(tags));
        }
    }

    /// <summary>The value of <paramref name="value"/> as a number, when it reads as a finite one in invariant culture.</summary>
    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    /// <inheritdoc />
    public string this[string key] => _tags[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _tags.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _tags.Values;

    /// <inheritdoc />
    public int Count => _tags.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _tags.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _tags.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _tags.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(RunTags? other) =>
        other is not null && other.Count == Count && _tags.All(p => other._tags.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RunTags);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _tags)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _tags.Select(p => $"{p.Key}={p.Value}"));
}
