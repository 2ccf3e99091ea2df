using ScaleLab.Data.Paths;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Reading;

/// <summary>Where a value comes from: a column of the table, or a path into a JSON row.</summary>
internal readonly record struct CellSource(int Column, JsonPath? Path, string Name);

/// <summary>
/// What <see cref="ColumnAssigner"/> decided: the source of each role and named variable, the scale variables
/// present, the one derived by C = 6ND, the columns kept as tags, and what it noticed.
/// </summary>
internal sealed class ColumnPlan
{
    public required CellSource?[] Roles { get; init; }

    public required (ScaleVariable Variable, CellSource Source)[] Named { get; init; }

    /// <summary>N, D, C among the roles present, in that order.</summary>
    public required ScaleVariable[] PresentScale { get; init; }

    public ScaleVariable? Derived { get; init; }

    /// <summary>Indices of the columns kept verbatim as tags.</summary>
    public required int[] TagColumns { get; init; }

    public required List<Diagnostic> Diagnostics { get; init; }

    public CellSource? For(ColumnRole role) => Roles[(int)role];

    public bool Has(ColumnRole role) => Roles[(int)role] is not null;
}
