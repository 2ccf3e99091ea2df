using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Plots.Model;

/// <summary>
/// Compute-optimal model size of any law of N and D: argmin over N of L(N, C/(6N)) by golden-section
/// search on ln N (SCIENCE.md §12.7: unimodal for power-law forms). For the Chinchilla law this
/// reproduces the closed form N* = G·(C/6)^a of Hoffmann et al. 2022 eq. 4. The plots use it so the
/// frontier is drawn for every law; when the core gains a planning API the frontier should call that
/// instead of this search.
/// </summary>
internal static class ComputeOptimum
{
    private const double HalfWidth = 14; // ln N searched within e^±14 (±6 decades) of sqrt(C/6)
    private const int Iterations = 64;   // 28 · 0.618^64 ≈ 1e-12 in ln N

    /// <summary>N*(C) for each budget; NaN where the optimum is not inside the searched bracket.</summary>
    public static double[] Parameters(ScalingLaw law, double[] theta, IReadOnlyList<double> compute)
    {
        int m = compute.Count;
        double g = (Math.Sqrt(5) - 1) / 2;
        var lo = new double[m];
        var hi = new double[m];
        var x1 = new double[m];
        var x2 = new double[m];
        for (int i = 0; i < m; i++)
        {
            double center = 0.5 * Math.Log(compute[i] / 6);
            lo[i] = center - HalfWidth;
            hi[i] = center + HalfWidth;
            x1[i] = hi[i] - g * (hi[i] - lo[i]);
            x2[i] = lo[i] + g * (hi[i] - lo[i]);
        }
        var f1 = Evaluate(law, theta, x1, compute);
        var f2 = Evaluate(law, theta, x2, compute);
        var next = new double[m];
        var takeLeft = new bool[m];
        for (int it = 0; it < Iterations; it++)
        {
            for (int i = 0; i < m; i++)
            {
                takeLeft[i] = f1[i] < f2[i];
                if (takeLeft[i])
                {
                    hi[i] = x2[i]; x2[i] = x1[i]; f2[i] = f1[i];
                    x1[i] = next[i] = hi[i] - g * (hi[i] - lo[i]);
                }
                else
                {
                    lo[i] = x1[i]; x1[i] = x2[i]; f1[i] = f2[i];
                    x2[i] = next[i] = lo[i] + g * (hi[i] - lo[i]);
                }
            }
            var fn = Evaluate(law, theta, next, compute);
            for (int i = 0; i < m; i++)
            {
                if (takeLeft[i]) f1[i] = fn[i]; else f2[i] = fn[i];
            }
        }
        var result = new double[m];
        for (int i = 0; i < m; i++)
        {
            double x = 0.5 * (lo[i] + hi[i]);
            double center = 0.5 * Math.Log(compute[i] / 6);
            bool interior = Math.Abs(x - center) < HalfWidth - 1e-3;
            result[i] = interior && double.IsFinite(f1[i]) ? Math.Exp(x) : double.NaN;
        }
        return result;
    }

    private static double[] Evaluate(ScalingLaw law, double[] theta, double[] logN, IReadOnlyList<double> compute)
    {
        var n = new double[logN.Length];
        var d = new double[logN.Length];
        for (int i = 0; i < n.Length; i++)
        {
            n[i] = Math.Exp(logN[i]);
            d[i] = compute[i] / (6 * n[i]);
        }
        var data = LawEvaluation.Grid(n, d);
        var logLoss = new double[n.Length];
        law.EvaluateLog(theta, data, logLoss, Span<double>.Empty);
        for (int i = 0; i < logLoss.Length; i++) if (!double.IsFinite(logLoss[i])) logLoss[i] = double.PositiveInfinity;
        return logLoss;
    }
}
