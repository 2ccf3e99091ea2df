namespace ScaleLab.Serialization;

/// <summary>A user bound on one parameter, in published units.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
public sealed record BoundEntry(double Lower, double Upper);
