using ScaleLab.Laws;
using ScaleLab.Numerics;

namespace ScaleLab.Formulas.Starts;

/// <summary>
/// The multistart design of a formula law on one dataset, in the optimizer's coordinates: the law's named starts,
/// then <see cref="StartDesign"/>'s space-filling points. A coefficient the law is affine in and that has no finite
/// range (A in <c>E + A*N^-alpha</c> without <c>--bound A=…</c>) is not drawn but solved, at every start, by linear
/// least squares given the others. A start where a kink site binds on every row and some free parameter has no
/// slope at all (a clamp held at its bound everywhere: the gradient there is zero, so the optimizer would stop where
/// it began) is moved to the next point of the design, up to <see cref="MoveAttempts"/> times.
/// </summary>
internal static class FormulaStarts
{
    /// <summary>Replacements tried for a stalled start before it is kept as it is.</summary>
    public const int MoveAttempts = 3;

    /// <summary>The starts (internal coordinates, θ order) and how many were moved off a binding kink (with the site's text).</summary>
    public static (IReadOnlyList<double[]> Starts, int Moved, string? Site) Generate(FormulaLaw law, CompiledFormula compiled, FormulaEvaluator evaluator,
        ReadOnlySpan<double> y, int count, int seed)
    {
        var parameters = law.Parameters;
        var solved = Solvable(law);
        var design = new FormulaParameter[parameters.Count];
        for (int j = 0; j < design.Length; j++)
        {
            var p = parameters[j];
            // A degenerate range keeps the design's dimensions for the drawn parameters only; the value is solved below.
            design[j] = solved[j] ? p with { StartLower = p.Log == true ? 1 : 0, StartUpper = p.Log == true ? 1 : 0 } : p;
        }
        int named = law.Starts.Count, reserve = Math.Max(8, count / 4);
        var points = StartDesign.Generate(design, count + (count > 0 ? reserve : 0), seed, law.Starts);
        int n = evaluator.Count, pc = parameters.Count;
        var work = new Work(n, pc, compiled.KinkSites.Count);
        var starts = new List<double[]>(named + count);
        int next = named + count, moved = 0;
        string? site = null;
        for (int s = 0; s < Math.Min(points.Count, named + count); s++)
        {
            var theta = Internal(law, compiled, evaluator, y, points[s], s < named ? law.Starts[s] : null, solved, work);
            for (int attempt = 0; s >= named && attempt < MoveAttempts && next < points.Count && Stalled(law, evaluator, theta, work) is { } where; attempt++)
            {
                theta = Internal(law, compiled, evaluator, y, points[next++], null, solved, work);
                if (attempt == 0) { moved++; site ??= where; }
            }
            starts.Add(theta);
        }
        return (starts, moved, site);
    }

    // Free parameters without a finite start range that the law is affine in.
    private static bool[] Solvable(FormulaLaw law)
    {
        var candidates = new List<string>();
        foreach (var p in law.Parameters)
        {
            var (lo, hi) = p.StartRange;
            if (p.Fixed is null && !(double.IsFinite(lo) && double.IsFinite(hi))) candidates.Add(p.Name);
        }
        var affine = AffineParameters.Of(law.Program, candidates);
        var result = new bool[law.Parameters.Count];
        for (int j = 0; j < result.Length; j++) result[j] = affine.Contains(law.Parameters[j].Name);
        return result;
    }

    private static double[] Internal(FormulaLaw law, CompiledFormula compiled, FormulaEvaluator evaluator, ReadOnlySpan<double> y, FormulaStart start,
        NamedStart? named, bool[] solved, Work work)
    {
        var values = (double[])start.Values.Clone();
        var solve = new List<int>();
        for (int j = 0; j < values.Length; j++) if (solved[j] && !(named?.Values.ContainsKey(law.Parameters[j].Name) ?? false)) solve.Add(j);
        if (solve.Count > 0) SolveCoefficients(law, compiled, evaluator, y, values, solve, work);
        var theta = new double[values.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            var p = law.Parameters[j];
            double v = Math.Clamp(values[j], p.Lower, p.Upper);
            theta[j] = compiled.Transforms[j] == ParameterTransform.Log ? Math.Log(v) : v;
        }
        return theta;
    }

    /// <summary>
    /// Least-squares values of the affine coefficients <paramref name="solve"/> given the other values: ŷ = a + Σ b_k c_k,
    /// with a and b_k read off evaluations at c = 1 and c = 1 + e_k (1, not 0, so that a log coefficient stays
    /// representable) and joint linearity checked at c = 2. Left at 1 when that check fails or the system is singular.
    /// A coefficient that must be positive and comes out not positive is set to 10⁻³ of the scale the data suggest.
    /// </summary>
    private static void SolveCoefficients(FormulaLaw law, CompiledFormula compiled, FormulaEvaluator evaluator, ReadOnlySpan<double> y,
        double[] values, List<int> solve, Work work)
    {
        int n = evaluator.Count, k = solve.Count;
        foreach (int j in solve) values[j] = 1;
        var a = new double[n];
        Predict(law, compiled, evaluator, values, a, work);
        var b = new double[k][];
        for (int q = 0; q < k; q++)
        {
            values[solve[q]] = 2;
            b[q] = new double[n];
            Predict(law, compiled, evaluator, values, b[q], work);
            values[solve[q]] = 1;
            for (int i = 0; i < n; i++) b[q][i] -= a[i];
        }
        for (int q = 0; q < k; q++) for (int i = 0; i < n; i++) a[i] -= b[q][i];
        foreach (int j in solve) values[j] = 2;
        Predict(law, compiled, evaluator, values, work.Prediction, work);
        foreach (int j in solve) values[j] = 1;
        for (int i = 0; i < n; i++)
        {
            double expected = a[i];
            for (int q = 0; q < k; q++) expected += 2 * b[q][i];
            if (!(Math.Abs(work.Prediction[i] - expected) <= 1e-6 * (Math.Abs(expected) + Math.Abs(a[i]) + 1e-300))) return;
        }
        var normal = new double[k, k];
        var rhs = new double[k];
        for (int q = 0; q < k; q++)
        {
            for (int r = 0; r <= q; r++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += b[q][i] * b[r][i];
                normal[q, r] = normal[r, q] = s;
            }
            double t = 0;
            for (int i = 0; i < n; i++) t += b[q][i] * (y[i] - a[i]);
            rhs[q] = t;
        }
        double trace = 0;
        for (int q = 0; q < k; q++) trace += normal[q, q];
        for (int q = 0; q < k; q++) normal[q, q] += 1e-12 * trace / k;
        if (!double.IsFinite(trace) || Cholesky.TryFactor(normal) is not { } cholesky) return;
        var c = cholesky.Solve(rhs);
        for (int q = 0; q < k; q++)
        {
            var p = law.Parameters[solve[q]];
            bool positive = p.Log == true || p.Lower >= 0;
            if (!double.IsFinite(c[q])) continue;
            values[solve[q]] = positive && c[q] <= Math.Max(p.Lower, 0) ? 1e-3 * Scale(y, b[q]) : c[q];
        }
    }

    // |y| over |b| in the middle: the coefficient that would make its term as large as the metric.
    private static double Scale(ReadOnlySpan<double> y, double[] b)
    {
        double sy = 0, sb = 0;
        for (int i = 0; i < b.Length; i++) { sy += Math.Abs(y[i]); sb += Math.Abs(b[i]); }
        return sb > 0 && sy > 0 ? sy / sb : 1;
    }

    private static void Predict(FormulaLaw law, CompiledFormula compiled, FormulaEvaluator evaluator, double[] values, double[] prediction, Work work)
    {
        for (int j = 0; j < values.Length; j++) work.Theta[j] = compiled.Transforms[j] == ParameterTransform.Log ? Math.Log(values[j]) : values[j];
        evaluator.Evaluate(work.Theta, prediction, Span<double>.Empty);
    }

    /// <summary>The text of a kink site that binds on every row while some free parameter has no slope anywhere, or null.</summary>
    private static string? Stalled(FormulaLaw law, FormulaEvaluator evaluator, double[] theta, Work work)
    {
        if (work.Kinks.Length == 0) return null;
        evaluator.Evaluate(theta, work.Prediction, work.Jacobian, work.Kinks);
        int n = evaluator.Count;
        int binding = -1;
        for (int k = 0; k < work.Kinks.Length && binding < 0; k++) if (work.Kinks[k].BindingRows == n) binding = k;
        if (binding < 0) return null;
        for (int j = 0; j < theta.Length; j++)
        {
            if (law.Parameters[j].Fixed is not null) continue;
            bool flat = true;
            for (int i = 0; i < n && flat; i++) flat = work.Jacobian[j * n + i] == 0;
            if (flat) return evaluator.Formula.KinkSites[binding].Text;
        }
        return null;
    }

    private sealed class Work(int rows, int parameters, int sites)
    {
        public double[] Theta { get; } = new double[parameters];
        public double[] Prediction { get; } = new double[rows];
        public double[] Jacobian { get; } = new double[rows * parameters];
        public FormulaKinkActivity[] Kinks { get; } = new FormulaKinkActivity[sites];
    }
}
