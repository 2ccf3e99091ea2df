using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Data-constrained allocation (Muennighoff et al. 2023): given a training
/// budget C and U unique tokens, the parameters N, tokens D = C/(6N) and epochs D/U that minimise
/// the <see cref="DataConstrainedLaw"/>. At fixed C and U the loss is a continuous, piecewise-smooth
/// function of ln N alone, so the optimum is found by a 1-D Brent minimisation to machine
/// precision — not by the datablations README's grid over ratios.
/// A Chinchilla law is lifted to the data-constrained form with Muennighoff's published decay
/// constants (R_N* = 5.309743, R_D* = 15.387756), and the plan says so.
/// </summary>
public static class DataConstrainedPlanner
{
    /// <summary>Muennighoff et al.'s fitted R_N* (datablations README).</summary>
    public const double PublishedRNStar = 5.309743;

    /// <summary>Muennighoff et al.'s fitted R_D* (datablations README).</summary>
    public const double PublishedRDStar = 15.387756;

    /// <summary>The lowest-loss allocation of <paramref name="compute"/> FLOPs with <paramref name="uniqueTokens"/> unique tokens.</summary>
    public static Plan ForCompute(PlanningLaw law, double compute, double uniqueTokens, Hardware? hardware = null, CancellationToken cancellationToken = default)
    {
        Quantity.RequirePositive(compute, "compute");
        Quantity.RequirePositive(uniqueTokens, "unique tokens");
        var notes = new List<Diagnostic>();
        var lifted = Lift(law, notes);
        var plan = Point(lifted, compute, uniqueTokens, hardware, notes);
        return ComputeOptimalPlanner.WithIntervals(plan, lifted, s => Point(s, compute, uniqueTokens, hardware, []), cancellationToken);
    }

    /// <summary>The data-constrained law for <paramref name="law"/>: itself, or a Chinchilla law with the published decay constants.</summary>
    public static PlanningLaw Lift(PlanningLaw law, List<Diagnostic>? notes = null)
    {
        if (law.Law is DataConstrainedLaw) return law;
        if (!law.IsChinchilla)
        {
            throw new ArgumentException($"law '{law.Law.Name}' has no notion of repeated data; plan with the data-constrained law or a Chinchilla fit");
        }
        notes?.Add(Diagnostic.Info("published-decay-constants",
            $"the Chinchilla fit was extended with Muennighoff et al.'s R_N* = {PublishedRNStar}, R_D* = {PublishedRDStar} (fitted on C4; refit them on your data with the data-constrained law)"));
        var p = law.Parameters;
        var named = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["E"] = p["E"], ["A"] = p["A"], ["B"] = p["B"], ["alpha"] = p["alpha"], ["beta"] = p["beta"],
            ["R_N_star"] = PublishedRNStar, ["R_D_star"] = PublishedRDStar,
        };
        var samples = law.BootstrapSamples.Select(s => (double[])[.. s, PublishedRNStar, PublishedRDStar]).ToArray();
        return new PlanningLaw(DataConstrainedLaw.Instance, named)
        {
            BootstrapSamples = samples, MaxFittedCompute = law.MaxFittedCompute, IntervalLevel = law.IntervalLevel,
        };
    }

    private static Plan Point(PlanningLaw law, double compute, double unique, Hardware? hardware, List<Diagnostic> notes)
    {
        var diagnostics = new List<Diagnostic>(notes);
        var (n, d, l, edge) = ComputeOptimalPlanner.Minimise((nn, dd) => law.Loss(nn, dd, unique), compute);
        if (edge)
        {
            diagnostics.Add(Diagnostic.Warning("optimum-at-search-edge", $"the loss keeps falling at the edge of the search (N = {Quantity.Format(n)})"));
        }
        double epochs = d / unique;
        if (epochs > 40)
        {
            diagnostics.Add(Diagnostic.Warning("many-epochs",
                $"{Quantity.Format(epochs)} epochs: beyond ~40 epochs repeated data are worth almost nothing in this law and it was fitted on at most ~60 (Muennighoff et al. 2023)"));
        }
        var plan = new Plan
        {
            Kind = PlanKind.DataConstrained, Law = law.Law.Name, Status = PlanStatus.Solved,
            Method = "numerical: Brent minimisation over ln N of L(N, C/(6N), U) with effective data D′ and parameters N′ (Muennighoff et al. 2023 eqs. 5-6)",
            Compute = compute, Parameters = n, Tokens = d, Loss = l, UniqueTokens = unique, Epochs = epochs,
            // The same budget with unlimited unique data: what the data limit costs in loss.
            Baseline = ComputeOptimalPlanner.ForCompute(law, compute),
        };
        return ComputeOptimalPlanner.Finish(plan, law, hardware, diagnostics);
    }
}
