namespace ScaleLab.Data;

/// <summary>What became of one group of a grouped command: its result, or why it was skipped (too few rows, say).</summary>
/// <typeparam name="T">The command's result for one group.</typeparam>
/// <param name="Group">The group.</param>
/// <param name="Result">The result; null when the group was skipped.</param>
/// <param name="Skipped">Why the group was skipped; null when it has a result.</param>
public sealed record GroupOutcome<T>(RowGroup Group, T? Result, string? Skipped) where T : class;
