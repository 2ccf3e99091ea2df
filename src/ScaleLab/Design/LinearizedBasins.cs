using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// The within-basin half of the uncertainty: each basin's law linearised at its optimum. With J the
/// Jacobian of the runs' residuals in the free internal coordinates, W the objective's weights
/// (<see cref="ResidualModel.Weights"/>, relative to their mean) and s² the noise variance of one run, the Fisher information is JᵀWJ/s² plus a
/// weak Gaussian prior, and its inverse Σ_k is the basin's covariance. A candidate run x with sensitivity j
/// reduces the variance of the target's log quantities by (G·Σj)²/(s² + jᵀΣj) (V-optimal design, a rank-one
/// update of the information), and folding it in downdates Σ without needing its outcome.
/// </summary>
internal sealed class LinearizedBasins
{
    private LinearizedBasins(int free, int candidates, int targets, double[] weights, double noise,
        double[][] sigma, double[][] candidateJacobian, double[][] candidateOutcome, double[][] targetGradient, double[][] targetValue)
    {
        Free = free;
        CandidateCount = candidates;
        TargetCount = targets;
        Weights = weights;
        NoiseVariance = noise;
        _sigma = sigma;
        _candidateJacobian = candidateJacobian;
        CandidateOutcome = candidateOutcome;
        _targetGradient = targetGradient;
        TargetValue = targetValue;
    }

    private readonly double[][] _sigma, _candidateJacobian, _targetGradient;

    public int Free { get; }

    public int CandidateCount { get; }

    public int TargetCount { get; }

    public int BasinCount => Weights.Length;

    /// <summary>Basin weights π_k.</summary>
    public double[] Weights { get; }

    /// <summary>s²: the noise variance of one run in the objective's space.</summary>
    public double NoiseVariance { get; }

    /// <summary>f(ŷ) at each candidate for each basin: [k][x].</summary>
    public double[][] CandidateOutcome { get; }

    /// <summary>ln q_t for each basin: [k][t].</summary>
    public double[][] TargetValue { get; }

    /// <summary>
    /// Linearises <paramref name="basins"/> (all with finite predictions at the candidates and the target) at
    /// the runs; <paramref name="free"/> lists the free parameter indices.
    /// </summary>
    public static LinearizedBasins Build(ScalingLaw law, ScalingData runs, ScalingData candidates, DesignTarget target, IReadOnlyList<BasinSearch.Found> basins,
        int[] free, double noiseVariance, DesignOptions options)
    {
        int p = free.Length, n = runs.Count, m = candidates.Count, t = target.Count, full = law.Parameters.Count, basinCount = basins.Count;
        var sigma = new double[basinCount][];
        var cj = new double[basinCount][];
        var co = new double[basinCount][];
        var tg = new double[basinCount][];
        var tv = new double[basinCount][];
        double prior = 1 / (options.PriorParameterScale * options.PriorParameterScale);
        var log = new double[Math.Max(n, m)];
        var jac = new double[full * Math.Max(Math.Max(n, m), t)];
        for (int k = 0; k < basinCount; k++)
        {
            var theta = basins[k].Theta;
            var fisher = new double[p * p];
            if (n > 0)
            {
                law.EvaluateLog(theta, runs, log.AsSpan(0, n), jac.AsSpan(0, full * n));
                var residuals = new double[n];
                for (int i = 0; i < n; i++) residuals[i] = ResidualModel.Residual(options.Objective, log[i], runs.Y[i]);
                var w = ResidualModel.Weights(options.Objective, residuals);
                double meanW = w.Average();
                var row = new double[p];
                for (int i = 0; i < n; i++)
                {
                    double c = ResidualModel.Chain(options.Objective, log[i]);
                    for (int a = 0; a < p; a++) row[a] = c * jac[free[a] * n + i];
                    double scale = w[i] / meanW / noiseVariance;
                    for (int a = 0; a < p; a++)
                    for (int b = 0; b < p; b++) fisher[a * p + b] += scale * row[a] * row[b];
                }
            }
            for (int a = 0; a < p; a++) fisher[a * p + a] += prior;
            if (!DesignMath.InvertPositiveDefinite(fisher, p))
            {
                // The information is positive definite by the prior; failure means non-finite Jacobians.
                fisher = new double[p * p];
                for (int a = 0; a < p; a++) fisher[a * p + a] = 1 / prior;
            }
            sigma[k] = fisher;

            cj[k] = new double[m * p];
            co[k] = new double[m];
            law.EvaluateLog(theta, candidates, log.AsSpan(0, m), jac.AsSpan(0, full * m));
            for (int x = 0; x < m; x++)
            {
                double c = ResidualModel.Chain(options.Objective, log[x]);
                co[k][x] = ResidualModel.Outcome(options.Objective, log[x]);
                for (int a = 0; a < p; a++) cj[k][x * p + a] = c * jac[free[a] * m + x];
            }

            tv[k] = new double[t];
            tg[k] = new double[t * p];
            var g = new double[full * t];
            target.Gradient(law, theta, tv[k], g);
            for (int s = 0; s < t; s++)
            for (int a = 0; a < p; a++) tg[k][s * p + a] = g[free[a] * t + s];
        }
        return new LinearizedBasins(p, m, t, basins.Select(b => b.Weight).ToArray(), noiseVariance, sigma, cj, co, tg, tv);
    }

    /// <summary>True when basin <paramref name="k"/> has finite predictions and sensitivities at every candidate and target.</summary>
    public bool IsFinite(int k) =>
        CandidateOutcome[k].All(double.IsFinite) && _candidateJacobian[k].All(double.IsFinite)
        && TargetValue[k].All(double.IsFinite) && _targetGradient[k].All(double.IsFinite);

    /// <summary>A copy whose covariances can be downdated independently.</summary>
    public LinearizedBasins Clone() => new(Free, CandidateCount, TargetCount, Weights, NoiseVariance,
        _sigma.Select(s => s.ToArray()).ToArray(), _candidateJacobian, CandidateOutcome, _targetGradient, TargetValue);

    /// <summary>Variance of the outcome of candidate <paramref name="x"/> under basin <paramref name="k"/>: s² + jᵀΣj.</summary>
    public double PredictiveVariance(int k, int x, Span<double> scratch) =>
        NoiseVariance + DesignMath.Apply(_sigma[k], _candidateJacobian[k].AsSpan(x * Free, Free), scratch, Free);

    /// <summary>The reduction of the mean target variance of basin <paramref name="k"/> if <paramref name="x"/> were run.</summary>
    public double VarianceReduction(int k, int x, Span<double> scratch)
    {
        var u = scratch[..Free];
        double denominator = NoiseVariance + DesignMath.Apply(_sigma[k], _candidateJacobian[k].AsSpan(x * Free, Free), u, Free);
        var g = _targetGradient[k];
        double sum = 0;
        for (int s = 0; s < TargetCount; s++)
        {
            double h = 0;
            for (int a = 0; a < Free; a++) h += g[s * Free + a] * u[a];
            sum += h * h;
        }
        return sum / (TargetCount * denominator);
    }

    /// <summary>The D-optimal gain of <paramref name="x"/> in basin <paramref name="k"/>: ln det after − ln det before = ln(1 + jᵀΣj/s²).</summary>
    public double LogDetGain(int k, int x, Span<double> scratch) =>
        Math.Log(1 + DesignMath.Apply(_sigma[k], _candidateJacobian[k].AsSpan(x * Free, Free), scratch[..Free], Free) / NoiseVariance);

    /// <summary>Folds candidate <paramref name="x"/>'s information into every basin.</summary>
    public void FoldIn(int x)
    {
        var u = new double[Free];
        for (int k = 0; k < BasinCount; k++)
        {
            double denominator = NoiseVariance + DesignMath.Apply(_sigma[k], _candidateJacobian[k].AsSpan(x * Free, Free), u, Free);
            DesignMath.Downdate(_sigma[k], u, denominator, Free);
        }
    }

    /// <summary>Variance of ln q_t within basin <paramref name="k"/>: g_tᵀ Σ_k g_t, for every target quantity.</summary>
    public double[] TargetVariances(int k)
    {
        var result = new double[TargetCount];
        var u = new double[Free];
        for (int s = 0; s < TargetCount; s++) result[s] = Math.Max(0, DesignMath.Apply(_sigma[k], _targetGradient[k].AsSpan(s * Free, Free), u, Free));
        return result;
    }

    /// <summary>Σ_k π_k · mean_t Var_k(ln q_t): the within-basin part of the target's mean squared error.</summary>
    public double WithinError()
    {
        double sum = 0;
        for (int k = 0; k < BasinCount; k++) sum += Weights[k] * TargetVariances(k).Average();
        return sum;
    }
}
