using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Definition;

/// <summary>Where a sweep's (N, D) points come from: IsoFLOP budgets, an N × D product, or an explicit list.</summary>
public abstract record SweepGrid
{
    /// <summary>The grid's kind as the sweep file names it.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the points depend on a law's predicted optimum (an IsoFLOP grid).</summary>
    public virtual bool NeedsPrior => false;

    /// <summary>The largest compute of the grid (a budget, or 6ND), for the default prediction target.</summary>
    public abstract double LargestCompute { get; }

    /// <summary>The points, in order; <paramref name="prior"/> places IsoFLOP sizes and is ignored by the other grids.</summary>
    public abstract IReadOnlyList<GridPoint> Points(PlanningLaw? prior, CancellationToken cancellationToken = default);
}
