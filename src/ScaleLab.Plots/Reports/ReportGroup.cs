namespace ScaleLab.Plots.Reports;

/// <summary>One group of a grouped report (<c>--group-by</c>): its name and the report of its rows, or why it has none.</summary>
/// <param name="Name">The group's name (its values joined by " / ").</param>
/// <param name="Rows">Rows of the group.</param>
/// <param name="Content">The group's own report (its data, fits, plan and IsoFLOP sections); null when it was skipped.</param>
/// <param name="Skipped">Why the group has no report; null when it has one.</param>
public sealed record ReportGroup(string Name, int Rows, ReportContent? Content, string? Skipped);
