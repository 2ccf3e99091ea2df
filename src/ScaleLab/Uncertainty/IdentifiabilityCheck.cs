using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Finds directions in parameter space the data do not determine. The curvature used is the
/// numerical Hessian of ½Σr² on log residuals at the optimum (central differences of the analytic
/// gradient): unlike the Huber objective's Hessian, which only counts the few points inside ±δ, it
/// reflects the design of the data. Scaled to unit diagonal and eigen-decomposed (Jacobi), a small
/// eigenvalue is a combination of parameters along which the fit barely changes; its eigenvector
/// says which parameters, and σ̂/√λ says how far they can move.
/// </summary>
public static class IdentifiabilityCheck
{
    /// <summary>Eigenvalue ratio below which a direction counts as undetermined.</summary>
    public const double WeakDirectionRatio = 1e-7;

    /// <summary>Checks the fit of <paramref name="law"/> to <paramref name="data"/>.</summary>
    public static IdentifiabilityResult Check(ScalingLaw law, ScalingData data, FitResult fit)
    {
        var o = fit.Options;
        var map = ParameterMap.Create(law, o.Fixed, o.Ties, o.Bounds);
        int m = map.FreeCount, p = law.Parameters.Count, n = data.Count;
        // The name of each free coordinate (the first parameter of a tie) and its label in messages: "(ln)" marks a scale parameter.
        var names = new string[m];
        var labels = new string[m];
        for (int j = p - 1; j >= 0; j--)
        {
            if (map.IsFixed(j)) continue;
            names[map.FreeIndex(j)] = law.Parameters[j].Name;
            labels[map.FreeIndex(j)] = law.Parameters[j].Name + (law.Parameters[j].Transform == ParameterTransform.Log ? " (ln)" : "");
        }
        var u0 = map.Project(fit.Theta);
        var theta = new double[p];
        var full = new double[p];
        // Curvature of ½Σr² on log residuals in the free coordinates.
        var hessian = NumericalHessian.OfGradient((u, gradient) =>
        {
            map.Expand(u, theta);
            double value = Fitter.Objective(law, data, theta, FitObjective.SquaredLog, full);
            map.Contract(full, gradient);
            return value;
        }, u0);
        // Residual scale of the log residuals (least-squares convention, n − m degrees of freedom).
        var logPrediction = new double[n];
        law.EvaluateLog(fit.Theta, data, logPrediction, Span<double>.Empty);
        double rss = 0;
        for (int i = 0; i < n; i++) rss += Math.Pow(logPrediction[i] - data.LogY[i], 2);
        double sigma = Math.Sqrt(rss / Math.Max(1, n - m));

        var diagnostics = new List<Diagnostic>();
        var scale = new double[m];
        bool diagonalOk = true;
        for (int i = 0; i < m; i++)
        {
            scale[i] = hessian[i, i] > 0 ? 1 / Math.Sqrt(hessian[i, i]) : double.NaN;
            if (!(hessian[i, i] > 0)) diagonalOk = false;
        }
        var errors = new double[m];
        for (int i = 0; i < m; i++) errors[i] = double.NaN;
        double[] values = [];
        double condition = double.PositiveInfinity;
        if (!diagonalOk)
        {
            var flat = labels.Where((_, i) => !(hessian[i, i] > 0)).ToArray();
            diagnostics.Add(Diagnostic.Warning("parameter-undetermined",
                $"the fit does not change with {string.Join(", ", flat)} at the optimum: the data say nothing about {(flat.Length == 1 ? "it" : "them")}"));
        }
        else
        {
            var scaled = new double[m, m];
            for (int i = 0; i < m; i++) for (int k = 0; k < m; k++) scaled[i, k] = hessian[i, k] * scale[i] * scale[k];
            var (eigenvalues, vectors) = SymmetricEigen.Decompose(scaled);
            values = eigenvalues;
            double largest = eigenvalues[^1];
            condition = eigenvalues[0] > 0 ? largest / eigenvalues[0] : double.PositiveInfinity;
            // Covariance σ̂² H⁻¹ through the eigen-decomposition of the scaled matrix.
            for (int i = 0; i < m; i++)
            {
                double v = 0;
                for (int k = 0; k < m; k++) if (eigenvalues[k] > 0) v += vectors[i, k] * vectors[i, k] / eigenvalues[k];
                errors[i] = eigenvalues[0] > 0 ? sigma * scale[i] * Math.Sqrt(v) : double.NaN;
            }
            for (int k = 0; k < m; k++)
            {
                if (eigenvalues[k] > WeakDirectionRatio * largest) continue;
                var involved = new List<string>();
                var moves = new List<string>();
                for (int i = 0; i < m; i++)
                {
                    if (Math.Abs(vectors[i, k]) < 0.2) continue;
                    double move = eigenvalues[k] > 0 ? sigma * scale[i] * Math.Abs(vectors[i, k]) / Math.Sqrt(eigenvalues[k]) : double.PositiveInfinity;
                    involved.Add(names[i]);
                    moves.Add(double.IsFinite(move) ? $"{labels[i]} ±{Fmt(move)}" : $"{labels[i]} without limit");
                }
                diagnostics.Add(Diagnostic.Warning("direction-undetermined",
                    $"near-singular Hessian (eigenvalue ratio {Fmt(eigenvalues[k] / largest)}): the data barely determine a combination of " +
                    $"{string.Join(", ", involved)}; one standard error along it moves {string.Join(", ", moves)}"));
            }
        }
        for (int j = 0; j < p; j++)
        {
            int f = map.FreeIndex(j);
            if (f < 0 || !double.IsFinite(errors[f])) continue;
            var par = law.Parameters[j];
            if (par.Transform == ParameterTransform.Log && errors[f] > Math.Log(10))
            {
                diagnostics.Add(Diagnostic.Warning("parameter-poorly-determined",
                    $"{par.Name}: one standard error spans a factor of {Fmt(Math.Exp(errors[f]))} (more than an order of magnitude)"));
            }
            else if (par.Transform == ParameterTransform.Identity && errors[f] > Math.Max(Math.Abs(fit.Theta[j]), 1e-12))
            {
                diagnostics.Add(Diagnostic.Warning("parameter-poorly-determined",
                    $"{par.Name} = {Fmt(fit.Theta[j])} has a standard error of {Fmt(errors[f])}: even its sign is not determined"));
            }
        }
        return new IdentifiabilityResult(names, hessian, errors, values, condition, diagnostics);
    }

    private static string Fmt(double v) => Quantity.Format(v, 3);
}
