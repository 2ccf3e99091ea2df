using ScaleLab.Planning;
using ScaleLab.Studies;
using ScaleLab.Sweeps.Definition;

namespace ScaleLab.Sweeps.Planning;

/// <summary>A sweep expanded into its runs: every grid point times every combination of the extra axes, in file order.</summary>
/// <param name="Definition">The sweep file.</param>
/// <param name="Runs">The runs (kind <see cref="SweepPlanner.Kind"/>, specification a <see cref="SweepPoint"/>).</param>
/// <param name="Prior">The law that placed IsoFLOP sizes; null for other grids.</param>
/// <param name="PriorSource">Where <paramref name="Prior"/> came from (a fit document, or the published law).</param>
public sealed record SweepPlan(SweepDefinition Definition, IReadOnlyList<PlannedRun> Runs, PlanningLaw? Prior, string? PriorSource)
{
    /// <summary>The point of one of the runs.</summary>
    public static SweepPoint PointOf(PlannedRun run) => (SweepPoint)run.Specification;

    /// <summary>The compute budget the refit predicts at: the file's target, else 100 times the grid's largest compute.</summary>
    public double TargetCompute => Definition.TargetCompute ?? 100 * Definition.Grid.LargestCompute;
}
