using ScaleLab.Diagnostics;
using ScaleLab.Optimization;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Compute-optimal allocation N_opt(C), D_opt(C) = argmin L(N, D) subject to 6ND = C (Hoffmann et
/// al. 2022 eq. 1). The Chinchilla form uses the closed form (<see cref="ChinchillaFrontier"/>); every
/// other law with N and D is minimised numerically in ln N with D = C/(6N), which is one-dimensional
/// and exact to machine precision. Also the inverse: the least compute that reaches a
/// target loss. With bootstrap samples the plan carries percentile intervals.
/// </summary>
public static class ComputeOptimalPlanner
{
    /// <summary>The lowest-loss allocation of <paramref name="compute"/> training FLOPs.</summary>
    public static Plan ForCompute(PlanningLaw law, double compute, Hardware? hardware = null, CancellationToken cancellationToken = default)
    {
        Quantity.RequirePositive(compute, "compute");
        var plan = Point(law, compute, hardware);
        return WithIntervals(plan, law, sample => Point(sample, compute, hardware), cancellationToken);
    }

    /// <summary>The least training compute whose optimal allocation reaches <paramref name="targetLoss"/>.</summary>
    public static Plan ForLoss(PlanningLaw law, double targetLoss, Hardware? hardware = null, CancellationToken cancellationToken = default)
    {
        Quantity.RequirePositive(targetLoss, "target loss");
        var plan = PointForLoss(law, targetLoss, hardware);
        if (plan.Status == PlanStatus.Failed) return plan;
        return WithIntervals(plan, law, sample => PointForLoss(sample, targetLoss, hardware), cancellationToken);
    }

    /// <summary>
    /// The compute-optimal frontier at every budget of <paramref name="compute"/>: N*, D* = C/(6N*) and L*(C), by the
    /// closed form or the numerical minimisation of <see cref="ForCompute"/>; NaN where the law has no interior
    /// optimum (the loss keeps falling at the edge of the search). What the plots and the report draw.
    /// </summary>
    public static (double[] Parameters, double[] Tokens, double[] Loss) Frontier(PlanningLaw law, IReadOnlyList<double> compute)
    {
        int m = compute.Count;
        var n = new double[m];
        var d = new double[m];
        var loss = new double[m];
        var closed = law.IsChinchilla ? ChinchillaFrontier.FromNamed(law.Parameters) : null;
        for (int i = 0; i < m; i++)
        {
            double c = Quantity.RequirePositive(compute[i], "compute");
            if (closed is not null)
            {
                n[i] = closed.OptimalParameters(c);
                d[i] = closed.OptimalTokens(c);
                loss[i] = closed.Loss(n[i], d[i]);
                continue;
            }
            var (nn, dd, ll, edge) = Minimise((a, b) => law.Loss(a, b), c);
            (n[i], d[i], loss[i]) = edge ? (double.NaN, double.NaN, double.NaN) : (nn, dd, ll);
        }
        return (n, d, loss);
    }

    /// <summary>
    /// Minimises <paramref name="loss"/>(N, C/(6N)) over ln N around the 20-tokens-per-parameter point
    /// (±5 decades): scan then Brent. Returns N, D, the loss and whether the scan's best point was an edge.
    /// </summary>
    internal static (double N, double D, double Loss, bool AtEdge) Minimise(Func<double, double, double> loss, double compute)
    {
        double center = 0.5 * Math.Log(compute / 120.0);
        double span = Math.Log(1e5);
        double Objective(double lnN)
        {
            double n = Math.Exp(lnN);
            return loss(n, compute / (6 * n));
        }
        // Slide the window while the best point sits on its edge (extreme exponents put the optimum
        // far from 20 tokens per parameter), up to N between 1 and 1e40.
        var m = BrentMinimizer.Minimize(Objective, center - span, center + span);
        for (int shift = 0; shift < 8 && m.Found && m.AtEdge; shift++)
        {
            double lo = center - span, hi = center + span;
            if (m.X - lo < hi - m.X) center = Math.Max(center - 1.5 * span, span);
            else center = Math.Min(center + 1.5 * span, Math.Log(1e40) - span);
            if (center - span == lo) break;
            m = BrentMinimizer.Minimize(Objective, center - span, center + span);
        }
        double nOpt = Math.Exp(m.X);
        return (nOpt, compute / (6 * nOpt), m.Value, m.AtEdge || !m.Found);
    }

    private static Plan Point(PlanningLaw law, double compute, Hardware? hardware)
    {
        var diagnostics = new List<Diagnostic>();
        double n, d, l;
        string method;
        if (law.IsChinchilla)
        {
            var f = ChinchillaFrontier.FromNamed(law.Parameters);
            n = f.OptimalParameters(compute);
            d = f.OptimalTokens(compute);
            l = f.Loss(n, d);
            method = $"closed form N* = G·(C/6)^a, G = {Quantity.Format(f.G)}, a = {Quantity.Format(f.ExponentA)}, b = {Quantity.Format(f.ExponentB)} (Hoffmann et al. 2022 eq. 4)";
        }
        else
        {
            bool edge;
            (n, d, l, edge) = Minimise((nn, dd) => law.Loss(nn, dd), compute);
            method = "numerical: Brent minimisation of L(N, C/(6N)) over ln N";
            if (edge)
            {
                diagnostics.Add(Diagnostic.Warning("optimum-at-search-edge",
                    $"the loss keeps falling at the edge of the search (N = {Quantity.Format(n)}, {Quantity.Format(d / n)} tokens/parameter): the law has no interior optimum at this budget"));
            }
        }
        return Finish(new Plan
        {
            Kind = PlanKind.ComputeOptimal, Law = law.Law.Name, Method = method, Status = PlanStatus.Solved,
            Compute = compute, Parameters = n, Tokens = d, Loss = l,
        }, law, hardware, diagnostics);
    }

    private static Plan PointForLoss(PlanningLaw law, double target, Hardware? hardware)
    {
        var diagnostics = new List<Diagnostic>();
        double compute;
        string method;
        if (law.IsChinchilla)
        {
            var f = ChinchillaFrontier.FromNamed(law.Parameters);
            compute = f.ComputeForLoss(target);
            method = $"closed form C = 6·((L − E)/K)^(−1/gamma), K = {Quantity.Format(f.K)}, gamma = {Quantity.Format(f.Gamma)}";
            if (!double.IsFinite(compute)) return Failed(law, target, $"target loss {Quantity.Format(target)} is not above the irreducible loss E = {Quantity.Format(f.E)}");
        }
        else
        {
            // L*(C) decreases in C; bisect ln C between 1e6 and 1e40 FLOPs.
            double lo = Math.Log(1e6), hi = Math.Log(1e40);
            double Optimal(double lnC) => Minimise((nn, dd) => law.Loss(nn, dd), Math.Exp(lnC)).Loss;
            if (Optimal(hi) > target) return Failed(law, target, $"target loss {Quantity.Format(target)} is not reached below 1e40 FLOPs (the law's floor is higher)");
            if (Optimal(lo) <= target) { hi = lo; }
            for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.Abs(hi); i++)
            {
                double mid = 0.5 * (lo + hi);
                if (Optimal(mid) > target) lo = mid; else hi = mid;
            }
            compute = Math.Exp(hi);
            method = "numerical: bisection on ln C of the numerically minimised L*(C)";
        }
        var plan = Point(law, compute, hardware);
        return plan with { Kind = PlanKind.TargetLoss, Method = method + "; then " + plan.Method };
    }

    private static Plan Failed(PlanningLaw law, double target, string why) => new()
    {
        Kind = PlanKind.TargetLoss, Law = law.Law.Name, Method = "none", Status = PlanStatus.Failed,
        Compute = double.NaN, Parameters = double.NaN, Tokens = double.NaN, Loss = target,
        Diagnostics = [Diagnostic.Error("target-unreachable", why)],
    };

    /// <summary>Adds hardware figures, the extrapolation ratio and the status implied by the diagnostics.</summary>
    internal static Plan Finish(Plan plan, PlanningLaw law, Hardware? hardware, List<Diagnostic> diagnostics)
    {
        double? ratio = null;
        if (law.MaxFittedCompute is { } max && max > 0)
        {
            ratio = plan.Compute / max;
            if (ratio > 100)
            {
                diagnostics.Add(Diagnostic.Warning("extrapolation",
                    $"the budget is {Quantity.Format(ratio.Value)}× the largest fitted compute: errors in the exponents grow with the log of this ratio"));
            }
            else if (ratio > 1)
            {
                diagnostics.Add(Diagnostic.Info("extrapolation", $"the budget is {Quantity.Format(ratio.Value)}× the largest fitted compute"));
            }
        }
        var status = diagnostics.Any(x => x.Severity == DiagnosticSeverity.Error) ? PlanStatus.Failed
            : diagnostics.Any(x => x.Severity == DiagnosticSeverity.Warning) ? PlanStatus.SolvedWithWarnings : plan.Status;
        return (hardware?.Price(plan) ?? plan) with
        {
            ExtrapolationRatio = ratio,
            Status = status,
            Diagnostics = [.. plan.Diagnostics, .. diagnostics],
        };
    }

    /// <summary>Repeats the point plan at every bootstrap sample and attaches percentile intervals.</summary>
    internal static Plan WithIntervals(Plan plan, PlanningLaw law, Func<PlanningLaw, Plan> point, CancellationToken cancellationToken)
    {
        if (law.BootstrapSamples.Count == 0) return plan;
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        int failed = 0;
        foreach (var sample in law.BootstrapSamples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PlanningLaw at;
            try { at = law.AtSample(sample); }
            catch (ArgumentException) { failed++; continue; }
            var p = point(at);
            if (p.Status == PlanStatus.Failed) { failed++; continue; }
            PlanIntervals.Add(values, p);
        }
        var diagnostics = plan.Diagnostics.ToList();
        if (failed > 0)
        {
            diagnostics.Add(Diagnostic.Warning("bootstrap-samples-failed",
                $"{failed} of {law.BootstrapSamples.Count} bootstrap samples gave no plan (e.g. target below their floor); intervals use the rest"));
        }
        return plan with { Intervals = PlanIntervals.From(values, law.IntervalLevel), Diagnostics = diagnostics };
    }
}
