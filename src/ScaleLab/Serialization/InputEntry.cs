namespace ScaleLab.Serialization;

/// <summary>What a fit was fitted to.</summary>
public sealed record InputEntry
{
    /// <summary>Path of the data file as given.</summary>
    public required string Path { get; init; }

    /// <summary>Rows fitted.</summary>
    public required int Rows { get; init; }

    /// <summary>Name of the metric column.</summary>
    public required string Metric { get; init; }

    /// <summary>Scale variables present in the data (<c>parameters</c>, <c>tokens</c>, <c>compute</c>, <c>uniqueTokens</c>).</summary>
    public IReadOnlyList<string> Variables { get; init; } = [];

    /// <summary>Range of each present scale variable, by the same names.</summary>
    public IReadOnlyDictionary<string, RangeEntry> Ranges { get; init; } = new Dictionary<string, RangeEntry>();
}
