using ScaleLab.Diagnostics;
using ScaleLab.Optimization;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Inference-aware allocation (Sardana, Portes, Doubov &amp; Frankle 2023, "Beyond Chinchilla-Optimal",
/// arXiv:2401.00448):
/// <code>
/// N*, D_tr* = argmin over L(N, D_tr) = ℓ of  6·N·D_tr + λ·2·N·D_inf
/// </code>
/// with λ the cost of an inference FLOP relative to a training FLOP (1 = minimise FLOPs). There is
/// no closed form for D_inf &gt; 0, so this solves it as a 1-D minimisation over ln N with D_tr(N) on
/// the iso-loss curve (closed form for the Chinchilla law, bisection otherwise), and checks the
/// first-order condition ε_N/ε_D = 1 + λ·D_inf/(3·D_tr), ε_N = alpha·A·N^−alpha, ε_D = beta·B·D^−beta.
/// </summary>
public static class InferenceAwarePlanner
{
    /// <summary>The cheapest model reaching <paramref name="targetLoss"/> given <paramref name="inferenceTokens"/> lifetime inference tokens.</summary>
    public static Plan ForLoss(PlanningLaw law, double targetLoss, double inferenceTokens, double inferenceCostRatio = 1, Hardware? hardware = null,
        CancellationToken cancellationToken = default)
    {
        Quantity.RequirePositive(targetLoss, "target loss");
        if (!(inferenceTokens >= 0) || !double.IsFinite(inferenceTokens)) throw new ArgumentOutOfRangeException(nameof(inferenceTokens), "inference tokens must be ≥ 0");
        Quantity.RequirePositive(inferenceCostRatio, "inference cost ratio");
        var plan = Point(law, targetLoss, inferenceTokens, inferenceCostRatio, hardware);
        if (plan.Status == PlanStatus.Failed) return plan;
        return ComputeOptimalPlanner.WithIntervals(plan, law, s => Point(s, targetLoss, inferenceTokens, inferenceCostRatio, hardware), cancellationToken);
    }

    /// <summary>
    /// The cheapest model with the loss a compute-optimal model trained on <paramref name="compute"/> FLOPs
    /// would reach ("compute-matched quality"), given the inference demand.
    /// </summary>
    public static Plan ForComputeQuality(PlanningLaw law, double compute, double inferenceTokens, double inferenceCostRatio = 1, Hardware? hardware = null,
        CancellationToken cancellationToken = default)
    {
        var reference = ComputeOptimalPlanner.ForCompute(law, compute);
        return ForLoss(law, reference.Loss, inferenceTokens, inferenceCostRatio, hardware, cancellationToken);
    }

    /// <summary>Training tokens D such that L(N, D) = ℓ, or NaN when N alone cannot reach ℓ.</summary>
    public static double TokensForLoss(PlanningLaw law, double parameters, double targetLoss)
    {
        if (law.IsChinchilla)
        {
            var f = ChinchillaFrontier.FromNamed(law.Parameters);
            double room = targetLoss - f.E - f.A * Math.Pow(parameters, -f.Alpha);
            return room > 0 ? Math.Pow(f.B / room, 1 / f.Beta) : double.NaN;
        }
        // L decreases in D: bisect ln D in [0, ln 1e30].
        double lo = 0, hi = Math.Log(1e30);
        if (law.Loss(parameters, Math.Exp(hi)) > targetLoss) return double.NaN;
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (law.Loss(parameters, Math.Exp(mid)) > targetLoss) lo = mid; else hi = mid;
        }
        return Math.Exp(hi);
    }

    private static Plan Point(PlanningLaw law, double target, double inferenceTokens, double lambda, Hardware? hardware)
    {
        var baseline = ComputeOptimalPlanner.ForLoss(law, target, hardware);
        if (baseline.Status == PlanStatus.Failed) return baseline with { Kind = PlanKind.InferenceAware };
        double Total(double n, double d) => 6 * n * d + lambda * 2 * n * inferenceTokens;
        double n0 = baseline.Parameters;
        // Serving cost only ever pushes towards smaller models; the optimum lies below the
        // compute-optimal size, and above the size whose parameter term alone exceeds the target.
        var m = BrentMinimizer.Minimize(lnN =>
        {
            double n = Math.Exp(lnN);
            double d = TokensForLoss(law, n, target);
            return double.IsFinite(d) ? Total(n, d) : double.PositiveInfinity;
        }, Math.Log(n0) - Math.Log(1e4), Math.Log(n0) + Math.Log(10), 801, 1e-13);
        var diagnostics = new List<Diagnostic>();
        double nOpt = Math.Exp(m.X);
        double dOpt = TokensForLoss(law, nOpt, target);
        if (m.AtEdge) diagnostics.Add(Diagnostic.Warning("optimum-at-search-edge", "the cost keeps falling at the edge of the search range"));
        if (law.IsChinchilla)
        {
            var f = ChinchillaFrontier.FromNamed(law.Parameters);
            double ratio = f.Alpha * f.A * Math.Pow(nOpt, -f.Alpha) / (f.Beta * f.B * Math.Pow(dOpt, -f.Beta));
            double expected = 1 + lambda * inferenceTokens / (3 * dOpt);
            var text = $"first-order condition eps_N/eps_D = {Quantity.Format(ratio, 7)} vs 1 + lambda·D_inf/(3·D) = {Quantity.Format(expected, 7)}";
            diagnostics.Add(Math.Abs(ratio / expected - 1) <= 1e-5 ? Diagnostic.Info("first-order-condition", text)
                : Diagnostic.Warning("first-order-condition", text + ": the optimum is not stationary"));
        }
        double totalBaseline = Total(baseline.Parameters, baseline.Tokens);
        double total = Total(nOpt, dOpt);
        var plan = new Plan
        {
            Kind = PlanKind.InferenceAware, Law = law.Law.Name, Status = PlanStatus.Solved,
            Method = "numerical: Brent minimisation over ln N of 6·N·D(N) + lambda·2·N·D_inf on the iso-loss curve (Sardana & Frankle 2023)",
            Compute = 6 * nOpt * dOpt, Parameters = nOpt, Tokens = dOpt, Loss = target,
            InferenceTokens = inferenceTokens, InferenceCompute = 2 * nOpt * inferenceTokens,
            Baseline = baseline, Saving = 1 - total / totalBaseline,
            Cost = hardware?.Cost(total),
        };
        return ComputeOptimalPlanner.Finish(plan, law, hardware, diagnostics);
    }
}
