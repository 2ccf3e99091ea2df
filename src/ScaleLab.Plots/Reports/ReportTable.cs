namespace ScaleLab.Plots.Reports;

/// <summary>A table for an optional report section (law comparison, plan, …), already formatted as text.</summary>
/// <param name="Title">Heading of the section.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Cells, one list per row, as many as <paramref name="Headers"/>.</param>
/// <param name="Caption">A sentence under the table saying how it was computed, or null.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null);
