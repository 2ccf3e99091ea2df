namespace ScaleLab.Serialization;

/// <summary>One group of a <see cref="FitGroupsDocument"/>: its name and values, its rows, and its fit or why it has none.</summary>
/// <param name="Name">The group's name (its values joined by " / ").</param>
/// <param name="Values">The group's value in each grouping column.</param>
/// <param name="Rows">Rows of the group.</param>
/// <param name="Fit">The group's fit document; null when the group was skipped.</param>
/// <param name="Skipped">Why the group has no fit; null when it has one.</param>
public sealed record FitGroupEntry(string Name, IReadOnlyDictionary<string, string> Values, int Rows, FitDocument? Fit, string? Skipped);
