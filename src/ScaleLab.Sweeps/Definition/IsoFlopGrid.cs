using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Definition;

/// <summary>
/// IsoFLOP profiles (Hoffmann et al. 2022, approach 2): at each budget C, model sizes log-spaced from
/// N*/spread to N*·spread around the compute-optimal N*(C) that a prior law predicts, each trained on
/// D = C/(6N) tokens. A grid centred on the optimum keeps the per-budget parabola unbiased in slope;
/// grids of ±2–4× around it are the usual choice (docs/sweeps.md).
/// </summary>
/// <param name="Budgets">The budgets C in FLOPs, in file order.</param>
/// <param name="SizesPerBudget">Model sizes per budget (odd counts put one at the optimum).</param>
/// <param name="Spread">The factor between the optimum and the smallest (and largest) size.</param>
/// <param name="FitPath">A fit document whose law places the optimum; null = Hoffmann et al.'s published law.</param>
public sealed record IsoFlopGrid(IReadOnlyList<double> Budgets, int SizesPerBudget, double Spread, string? FitPath) : SweepGrid
{
    /// <summary>The default <see cref="Spread"/>: sizes from a quarter to four times the optimum.</summary>
    public const double DefaultSpread = 4;

    /// <inheritdoc />
    public override string Kind => "isoflop";

    /// <inheritdoc />
    public override bool NeedsPrior => true;

    /// <inheritdoc />
    public override double LargestCompute => Budgets.Max();

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="prior"/> is null.</exception>
    public override IReadOnlyList<GridPoint> Points(PlanningLaw? prior, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var points = new List<GridPoint>();
        foreach (var budget in Budgets)
        {
            double optimum = ComputeOptimalPlanner.ForCompute(prior, budget, cancellationToken: cancellationToken).Parameters;
            double low = Math.Log(optimum / Spread), high = Math.Log(optimum * Spread);
            var seen = new HashSet<double>();
            for (int i = 0; i < SizesPerBudget; i++)
            {
                double ln = SizesPerBudget == 1 ? Math.Log(optimum) : low + (high - low) * i / (SizesPerBudget - 1);
                double n = Math.Max(1, Math.Round(Math.Exp(ln)));
                if (!seen.Add(n)) continue;
                double d = Math.Max(1, Math.Round(budget / (6 * n)));
                points.Add(new GridPoint(n, d, budget, new Dictionary<string, string>()));
            }
        }
        return points;
    }
}
