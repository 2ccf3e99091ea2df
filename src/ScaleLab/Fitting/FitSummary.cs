using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Optimization;
using ScaleLab.Quantities;

namespace ScaleLab.Fitting;

/// <summary>From the starts' results of a <see cref="FitProblem"/> to a <see cref="FitResult"/>: status, agreement of the best starts, diagnostics.</summary>
internal static class FitSummary
{
    public static FitResult Summarise(FitProblem problem, OptimizerResult[] results)
    {
        var law = problem.Law;
        var data = problem.Data;
        var map = problem.Map;
        var options = problem.Options;
        int best = -1;
        for (int i = 0; i < results.Length; i++)
        {
            if (double.IsFinite(results[i].Value) && (best < 0 || results[i].Value < results[best].Value)) best = i;
        }
        var diagnostics = new List<Diagnostic>();
        var freeNames = problem.FreeParameters();
        long evaluations = 0;
        foreach (var r in results) evaluations += r.Evaluations;
        if (best < 0)
        {
            diagnostics.Add(Diagnostic.Error("no-finite-start", "no start gave a finite objective: check that the data suit the law (positive metric for log residuals)"));
            return new FitResult
            {
                Law = law, Theta = new double[law.Parameters.Count], Objective = double.NaN, Status = FitStatus.Failed, StatusReason = "no start gave a finite objective",
                Exit = OptimizerExit.NonFiniteStart, Iterations = 0, Evaluations = evaluations, GradientNorm = double.NaN,
                Starts = results.Length, StartsConverged = 0, StartsAtBest = 0, BestStart = -1, Points = data.Count,
                Options = options, FreeParameters = freeNames, Diagnostics = diagnostics,
            };
        }
        var b = results[best];
        var theta = new double[law.Parameters.Count];
        map.Expand(b.X, theta);
        double tolerance = 1e-9 * Math.Max(Math.Abs(b.Value), 1e-300);
        int atBest = results.Count(r => double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        int converged = results.Count(r => r.Converged);
        // A start that stops on a kink of the Huber loss (line search failed) at the optimum that other
        // starts reached with a convergence test has found that optimum too.
        // An objective at rounding level (residuals ~1e-12 relative) is an exact fit: there is nothing
        // left to decrease, whatever test stopped the optimizer.
        bool exactFit = b.Value <= ExactFitObjective(data, options.Objective);
        // A line search that finds no decrease where the gradient is already negligible has stopped at
        // the optimum to rounding precision (typical along a flat valley of a weakly identified parameter).
        bool stalledAtOptimum = b.Exit == OptimizerExit.LineSearchFailed && b.GradientNorm <= NegligibleGradient * Math.Abs(b.Value);
        bool convergedAtBest = exactFit || stalledAtOptimum || b.Converged
            || results.Any(r => r.Converged && double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        var status = convergedAtBest ? FitStatus.Converged : FitStatus.NotConverged;
        int convergedAtOptimum = results.Count(r => r.Converged && double.IsFinite(r.Value) && r.Value - b.Value <= tolerance);
        string reason = map.FreeCount == 0 ? "every parameter fixed: the law evaluated at them"
            : exactFit ? "exact fit"
            : b.Converged ? Word(b.Exit)
            : convergedAtOptimum > 0 ? $"{convergedAtOptimum} start(s) met a convergence test at the best objective"
            : stalledAtOptimum ? "no decrease left where the gradient is negligible"
            : $"the best start stopped with {Word(b.Exit)} after {b.Iterations} iterations";

        if (data.Count <= map.FreeCount)
        {
            diagnostics.Add(Diagnostic.Error("too-few-points", $"{data.Count} points for {map.FreeCount} free parameters: the fit interpolates and says nothing"));
        }
        if (!convergedAtBest)
        {
            diagnostics.Add(Diagnostic.Warning("not-converged", $"the best start stopped with '{b.Exit}' after {b.Iterations} iterations"));
        }
        if (exactFit)
        {
            diagnostics.Add(Diagnostic.Info("exact-fit", $"objective {Fmt(b.Value)} is at rounding level: the law reproduces the data exactly (synthetic data?)"));
        }
        // The asymmetric absolute loss is piecewise linear: its gradient does not vanish at a minimum on a kink.
        else if (b.GradientNorm > NegligibleGradient * b.Value && options.Objective.Loss != LossKind.AsymmetricAbsolute)
        {
            // In an ill-conditioned valley the gradient can stay well above 1e-6·J where no measurable
            // decrease is left: ask what a Newton step would still gain before warning.
            // Where the Hessian is not positive definite (a Huber objective with most points beyond ±δ) no Newton gain can
            // be computed; several starts that each met a convergence test at the same objective (to 1e-9) then show
            // that nothing measurable is left to gain: starts stopped early do not agree on the value.
            double gain = NewtonGain(problem, b.X);
            if (!(gain <= NegligibleNewtonGain * Math.Abs(b.Value)) && !(double.IsNaN(gain) && convergedAtOptimum >= 2))
            {
                string gained = double.IsFinite(gain) ? $"; a Newton step would lower it by {Fmt(gain / b.Value)} (relative)" : "";
                diagnostics.Add(Diagnostic.Warning("gradient-not-small",
                    $"gradient max-norm {Fmt(b.GradientNorm)} at the optimum is {Fmt(b.GradientNorm / b.Value)} of the objective{gained}; the optimizer may have stopped early"));
            }
        }
        for (int j = 0; j < law.Parameters.Count; j++)
        {
            int f = map.FreeIndex(j);
            if (f < 0) continue;
            double x = b.X[f];
            bool atLower = double.IsFinite(map.Lower[f]) && Math.Abs(x - map.Lower[f]) <= 1e-8 * (1 + Math.Abs(x));
            bool atUpper = double.IsFinite(map.Upper[f]) && Math.Abs(x - map.Upper[f]) <= 1e-8 * (1 + Math.Abs(x));
            if (atLower || atUpper)
            {
                diagnostics.Add(Diagnostic.Warning("parameter-at-bound",
                    $"{law.Parameters[j].Name} = {Fmt(law.Parameters[j].FromInternal(x))} sits at its {(atLower ? "lower" : "upper")} bound; the optimum may lie beyond it"));
            }
        }
        diagnostics.AddRange(law.Remarks(theta, data));
        // Agreement of the best starts: all starts within 1e-6 (relative) of the best objective.
        var near = results.Where(r => double.IsFinite(r.Value) && r.Value - b.Value <= 1e-6 * Math.Max(Math.Abs(b.Value), 1e-300)).ToArray();
        var bestNamed = law.ToNamed(theta);
        double worst = 0;
        string? worstName = null;
        var th = new double[law.Parameters.Count];
        foreach (var r in near)
        {
            map.Expand(r.X, th);
            var named = law.ToNamed(th);
            foreach (var (name, v) in bestNamed)
            {
                double rel = Math.Abs(named[name] - v) / Math.Max(Math.Abs(v), 1e-12);
                if (rel > worst) { worst = rel; worstName = name; }
            }
        }
        if (worst > 0.05 && worstName is not null)
        {
            diagnostics.Add(Diagnostic.Warning("best-starts-disagree",
                $"{near.Length} starts reach the best objective within 1e-6 but {worstName} differs among them by {Fmt(100 * worst)} %: the data do not pin it down"));
        }
        if (results.Length >= 10 && atBest == 1)
        {
            diagnostics.Add(Diagnostic.Info("single-start-at-best", $"only 1 of {results.Length} starts reached the best objective; a wider grid may find a lower one"));
        }
        var published = law.ToNamed(theta);
        var infinite = published.Where(kv => !double.IsFinite(kv.Value)).Select(kv => kv.Key).ToArray();
        if (infinite.Length > 0)
        {
            diagnostics.Add(Diagnostic.Error("parameter-not-finite",
                $"{string.Join(", ", infinite)} came out infinite or not a number: the data do not bound {(infinite.Length == 1 ? "it" : "them")} (too few distinct sizes or tokens?)"));
        }
        // A status never contradicts the diagnostics: an error-severity finding means the fit is not to be used.
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).ToArray();
        if (status == FitStatus.Converged && errors.Length > 0)
        {
            status = FitStatus.NotConverged;
            reason = $"the optimizer stopped at an optimum, but {string.Join(", ", errors)}: see the diagnostics";
        }
        return new FitResult
        {
            Law = law, Theta = theta, Objective = b.Value, Status = status, StatusReason = reason, Exit = b.Exit, Iterations = b.Iterations,
            Evaluations = evaluations, GradientNorm = b.GradientNorm, Starts = results.Length, StartsConverged = converged,
            StartsAtBest = atBest, BestStart = best, Points = data.Count, Options = options, FreeParameters = freeNames,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>Gradient max-norm, relative to the objective, below which an optimum counts as found.</summary>
    private const double NegligibleGradient = 1e-6;

    /// <summary>Decrease a Newton step may still promise, relative to the objective, at an optimum.</summary>
    private const double NegligibleNewtonGain = 1e-10;

    /// <summary>
    /// The decrease ½·gᵀH⁻¹g a Newton step promises from <paramref name="u"/> (the Newton decrement), with
    /// H from central differences of the analytic gradient; NaN when H is not positive definite there.
    /// </summary>
    private static double NewtonGain(FitProblem problem, double[] u)
    {
        int m = u.Length;
        if (m == 0) return 0;
        var ws = new FitWorkspace(problem);
        var g = new double[m];
        ws.Function(u, g);
        var cholesky = Cholesky.TryFactor(NumericalHessian.OfGradient(ws.Function, u));
        return cholesky is null ? double.NaN : 0.5 * cholesky.InverseQuadraticForm(g);
    }

    /// <summary>Objective of residuals of 1e-12 relative size at every point: below it a fit is exact.</summary>
    private static double ExactFitObjective(ScalingData data, FitObjective objective)
    {
        double scale = objective.Space == ResidualSpace.Linear ? data.Y.Max(Math.Abs) : 1.0;
        double r = 1e-12 * scale;
        return data.Count * (objective.Loss == LossKind.AsymmetricAbsolute ? objective.NegativeWeight * r : 0.5 * r * r);
    }

    private static string Fmt(double v) => Quantity.Format(v, 4);

    private static string Word(OptimizerExit exit) => Serialization.JsonOutput.Word(exit);
}
