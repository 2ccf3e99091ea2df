using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Numerics;
using ScaleLab.Quantities;

namespace ScaleLab.Uncertainty;

/// <summary>
/// Finds directions in parameter space the data do not determine. The curvature used is JᵀJ, the
/// Gauss–Newton form of the Hessian of ½Σr² on log residuals at the optimum (J from the law's analytic
/// derivatives): unlike the Huber objective's Hessian, which only counts the few points inside ±δ, it
/// reflects the design of the data, and it cannot turn negative through the residual term. Scaled to unit diagonal and eigen-decomposed (Jacobi), a small
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
        // Curvature of ½Σr² on log residuals in the free coordinates, Gauss–Newton form JᵀJ: it is the design's
        // information and positive semi-definite by construction. The full Hessian adds Σ rᵢ∇²rᵢ, which at the optimum
        // of a Huber fit (not the least-squares optimum) can be negative along a weak direction: the Llama 3 IsoFLOP fit
        // showed eigenvalue ratios of −2.4e−5 there, while JᵀJ gives +1.4e−5. A negative value here is rounding only.
        // Every parameter fixed: nothing to determine.
        if (m == 0) return new IdentifiabilityResult(names, new double[0, 0], [], [], 1, []);
        var (hessian, logPrediction) = GaussNewton(law, data, map, fit.Theta);
        // Residual scale of the log residuals (least-squares convention, n − m degrees of freedom).
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
                string curvature = eigenvalues[k] > 0 ? $"curvature ratio {Fmt(eigenvalues[k] / largest)}" : "no curvature to rounding precision";
                diagnostics.Add(Diagnostic.Warning("direction-undetermined",
                    $"the data barely determine a combination of {string.Join(", ", involved)} ({curvature}); " +
                    $"one standard error along it moves {string.Join(", ", moves)}"));
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

    /// <summary>JᵀJ of the log residuals in the free coordinates (a tie's columns summed), and ln ŷ at <paramref name="theta"/>.</summary>
    private static (double[,] Curvature, double[] LogPrediction) GaussNewton(ScalingLaw law, ScalingData data, ParameterMap map, double[] theta)
    {
        int n = data.Count, p = law.Parameters.Count, m = map.FreeCount;
        var logPrediction = new double[n];
        var jacobian = new double[p * n];
        law.EvaluateLog(theta, data, logPrediction, jacobian);
        var free = new double[m * n];
        for (int j = 0; j < p; j++)
        {
            int f = map.FreeIndex(j);
            if (f < 0) continue;
            for (int i = 0; i < n; i++) free[f * n + i] += jacobian[j * n + i];
        }
        var curvature = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += free[a * n + i] * free[b * n + i];
                curvature[a, b] = curvature[b, a] = sum;
            }
        }
        return (curvature, logPrediction);
    }

    private static string Fmt(double v) => Quantity.Format(v, 3);
}
