namespace ScaleLab.Store;

/// <summary>A stored study: a named set of runs sharing one seed from which every run's seed is derived.</summary>
/// <param name="Name">Unique name, e.g. <c>demo</c>.</param>
/// <param name="Seed">The study seed.</param>
/// <param name="Description">What the study measures, for people.</param>
/// <param name="Created">When the study was first stored (UTC).</param>
public sealed record StudyRecord(string Name, long Seed, string Description, DateTimeOffset Created);
