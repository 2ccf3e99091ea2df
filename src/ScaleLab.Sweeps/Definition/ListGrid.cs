using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Definition;

/// <summary>An explicit list of runs, each with its N and D and, optionally, values of the extra axes.</summary>
/// <param name="Runs">The points in file order.</param>
public sealed record ListGrid(IReadOnlyList<GridPoint> Runs) : SweepGrid
{
    /// <inheritdoc />
    public override string Kind => "list";

    /// <inheritdoc />
    public override double LargestCompute => Runs.Max(r => 6 * r.Parameters * r.Tokens);

    /// <inheritdoc />
    public override IReadOnlyList<GridPoint> Points(PlanningLaw? prior, CancellationToken cancellationToken = default) => Runs;
}
