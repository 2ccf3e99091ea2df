using ScaleLab.Planning;
using ScaleLab.Data;

namespace ScaleLab.Plots.Model;

/// <summary>
/// One IsoFLOP profile (Hoffmann et al. 2022 approach 2, SCIENCE.md §12.3): runs at one compute
/// budget, the parabola L = p0 + p1·ln N + p2·(ln N)² fitted to them by least squares, and its
/// minimum N*(C) = exp(−p1 / (2 p2)) when the parabola opens upwards.
/// </summary>
/// <param name="Budget">The budget C (geometric mean of the runs' compute).</param>
/// <param name="Parameters">N of each run, ascending.</param>
/// <param name="Loss">The metric of each run.</param>
/// <param name="P0">Constant coefficient.</param>
/// <param name="P1">Coefficient of ln N.</param>
/// <param name="P2">Coefficient of (ln N)².</param>
public sealed record IsoFlopProfile(double Budget, double[] Parameters, double[] Loss, double P0, double P1, double P2)
{
    /// <summary>Budgets closer than this in log10 C are one profile when the input has no group column (12 %).</summary>
    public const double BudgetTolerance = 0.05;

    /// <summary>N* at the parabola's minimum, or null when it opens downwards (no minimum).</summary>
    public double? OptimalParameters => P2 > 0 ? Math.Exp(-P1 / (2 * P2)) : null;

    /// <summary>True when the minimum lies within the sampled N (otherwise it is an extrapolation).</summary>
    public bool OptimumInside => OptimalParameters is { } n && n >= Parameters[0] && n <= Parameters[^1];

    /// <summary>The parabola at N.</summary>
    public double Evaluate(double parameters)
    {
        double x = Math.Log(parameters);
        return P0 + x * (P1 + x * P2);
    }

    /// <summary>
    /// Profiles in the data: one per group when every run names one, otherwise runs whose compute
    /// agrees within <see cref="BudgetTolerance"/> decades. Budgets with fewer than 3 distinct N
    /// have no parabola and are left out.
    /// </summary>
    public static IReadOnlyList<IsoFlopProfile> Find(IReadOnlyList<Observation> observations)
    {
        var groups = new List<List<Observation>>();
        if (observations.Count > 0 && observations.All(o => !string.IsNullOrEmpty(o.Group)))
        {
            groups.AddRange(observations.GroupBy(o => o.Group, StringComparer.Ordinal).Select(g => g.ToList()));
        }
        else
        {
            foreach (var o in observations.OrderBy(o => o.Compute.Value))
            {
                if (groups.Count == 0 || Math.Log10(o.Compute.Value / groups[^1][0].Compute.Value) > BudgetTolerance) groups.Add([]);
                groups[^1].Add(o);
            }
        }
        var result = new List<IsoFlopProfile>();
        foreach (var g in groups)
        {
            if (g.Select(o => o.Parameters.Value).Distinct().Count() < 3) continue;
            var runs = g.OrderBy(o => o.Parameters.Value).ToArray();
            var n = runs.Select(o => o.Parameters.Value).ToArray();
            var loss = runs.Select(o => o.Metric).ToArray();
            double budget = Math.Exp(runs.Average(o => Math.Log(o.Compute.Value)));
            var (p2, p1, p0) = IsoFlopAnalysis.Quadratic(n.Select(v => Math.Log(v)).ToArray(), loss);
            result.Add(new IsoFlopProfile(budget, n, loss, p0, p1, p2));
        }
        return result.OrderBy(p => p.Budget).ToArray();
    }
}
