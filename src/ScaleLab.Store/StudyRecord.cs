namespace ScaleLab.Store;

/// <summary>A stored study: a named set of runs sharing one seed from which every run's seed is derived.</summary>
/// <param name="Name">Unique name, e.g. <c>demo</c>.</param>
/// <param name="Seed">The study seed.</param>
/// <param name="Description">What the study measures, for people.</param>
/// <param name="Created">When the study was first stored (UTC).</param>
public sealed record StudyRecord(string Name, long Seed, string Description, DateTimeOffset Created)
{
    /// <summary>
    /// The study's regime definitions as JSON, stored when the study was last executed; null for a
    /// study stored before they were kept (or never executed).
    /// </summary>
    public string? Regimes { get; init; }
}
