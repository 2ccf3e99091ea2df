using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Definition;

/// <summary>Every model size with every token count: the N × D grid.</summary>
/// <param name="Parameters">Model sizes N.</param>
/// <param name="Tokens">Token counts D.</param>
public sealed record ProductGrid(IReadOnlyList<double> Parameters, IReadOnlyList<double> Tokens) : SweepGrid
{
    /// <inheritdoc />
    public override string Kind => "nxd";

    /// <inheritdoc />
    public override double LargestCompute => 6 * Parameters.Max() * Tokens.Max();

    /// <inheritdoc />
    public override IReadOnlyList<GridPoint> Points(PlanningLaw? prior, CancellationToken cancellationToken = default) =>
        [.. Parameters.SelectMany(n => Tokens.Select(d => new GridPoint(Math.Round(n), Math.Round(d), null, new Dictionary<string, string>())))];
}
