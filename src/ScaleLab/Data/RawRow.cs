namespace ScaleLab.Data;

/// <summary>One data row of a <see cref="RawTable"/>: its 1-based number and one cell per column (null when absent).</summary>
internal sealed record RawRow(int Row, string?[] Cells);
