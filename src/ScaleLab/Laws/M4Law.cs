using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// M4 learning-curve estimator (Alabdulmohsin, Neyshabur &amp; Zhai 2022, arXiv:2209.06640, the form the
/// paper proposes): the metric is defined implicitly by
/// <code>(ε_x − ε_inf) / (ε_0 − ε_x)^alpha = β · x^c</code>
/// ε_0 is the random-guess level the curve starts from, ε_inf the level it tends to; alpha = 0 gives M2.
/// Parameterisation: θ = (ln β, c, alpha, ln ε_inf, ln ε_0). The prediction is found per point by
/// solving for t = logit(w/b), w = ε − ε_inf, b = ε_0 − ε_inf:
/// G(t) = (1−alpha)·ln b − softplus(−t) + alpha·softplus(t) − ln β − c·ln x = 0,
/// which is increasing in t (G′ = 1 − σ(t) + alpha·σ(t) &gt; 0), by safeguarded Newton; the Jacobian
/// comes from implicit differentiation, dt/dθ = −(∂G/∂θ)/G′.
/// Fitted by least squares on log residuals (squared-log objective); the paper's code fits the
/// identity in log space by alternating least squares and gradient steps, with the same optimum on
/// noiseless data. Fix eps_0 when the random-guess level is known.
/// Default starts: c ∈ {−0.25, −0.5, −1}, alpha ∈ {0.25, 0.5, 1, 2}, ε_inf ∈ {0.5, 0.9}·min ε,
/// ε_0 ∈ {1.05, 1.5, 3}·max ε, β through the median point.
/// </summary>
public sealed class M4Law : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static M4Law Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("beta", "scale"),
        LawParameter.Plain("c", "exponent (negative: the metric falls with x)"),
        LawParameter.Plain("alpha", "bend towards the random-guess level (0 gives M2)") with { Lower = 0 },
        LawParameter.Scale("eps_inf", "limit as x grows (irreducible error)"),
        LawParameter.Scale("eps_0", "random-guess level the curve starts from"),
    ];

    /// <inheritdoc />
    public override string Name => "m4";

    /// <inheritdoc />
    public override string Formula => "(eps - eps_inf) / (eps_0 - eps)^alpha = beta * x^c";

    /// <inheritdoc />
    public override string Reference => "Alabdulmohsin et al. 2022, arXiv:2209.06640, M4";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Tokens];

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logBeta = theta[0], c = theta[1], alpha = theta[2];
        double inf = Math.Exp(theta[3]), zero = Math.Exp(theta[4]);
        double b = zero - inf;
        var logX = data.Logs(ScaleVariable.Tokens);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        if (!(b > 0) || !(alpha >= 0))
        {
            logPrediction.Fill(double.NaN);
            return;
        }
        double logB = Math.Log(b);
        for (int i = 0; i < n; i++)
        {
            double target = logBeta + c * logX[i] - (1 - alpha) * logB;
            double t = Solve(target, alpha);
            if (double.IsNaN(t))
            {
                logPrediction[i] = double.NaN;
                if (withJacobian) for (int j = 0; j < 5; j++) jacobian[j * n + i] = double.NaN;
                continue;
            }
            double s = LogMath.Sigmoid(t), sc = LogMath.Sigmoid(-t);
            double y = inf + b * s;
            logPrediction[i] = Math.Log(y);
            if (!withJacobian) continue;
            double gt = sc + alpha * s;
            double dwdt = b * s * sc;
            double dtBeta = 1 / gt;
            double dtC = logX[i] / gt;
            double dtAlpha = (logB - LogMath.Softplus(t)) / gt;
            double dtInf = (1 - alpha) * inf / (b * gt);
            double dtZero = -(1 - alpha) * zero / (b * gt);
            jacobian[i] = dwdt * dtBeta / y;
            jacobian[n + i] = dwdt * dtC / y;
            jacobian[2 * n + i] = dwdt * dtAlpha / y;
            jacobian[3 * n + i] = (inf * sc + dwdt * dtInf) / y;
            jacobian[4 * n + i] = (s * zero + dwdt * dtZero) / y;
        }
    }

    /// <summary>Solves −softplus(−t) + alpha·softplus(t) = target for t; NaN when there is no solution (alpha = 0, target ≥ 0).</summary>
    internal static double Solve(double target, double alpha)
    {
        static double H(double t, double alpha) => -LogMath.Softplus(-t) + alpha * LogMath.Softplus(t);
        if (alpha == 0 && target >= 0) return double.NaN;
        // Asymptotes: H ≈ t for t ≪ 0 and H ≈ alpha·t for t ≫ 0.
        double t = target < 0 ? target : target / Math.Max(alpha, 1e-300);
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double h = H(t, alpha) - target;
            if (h == 0) return t;
            if (h < 0) lo = Math.Max(lo, t); else hi = Math.Min(hi, t);
            double s = LogMath.Sigmoid(t);
            double next = t - h / (LogMath.Sigmoid(-t) + alpha * s);
            if (!(next > lo && next < hi) || !double.IsFinite(next))
            {
                next = double.IsFinite(lo) && double.IsFinite(hi) ? 0.5 * (lo + hi)
                    : double.IsFinite(lo) ? lo + Math.Max(1, Math.Abs(lo)) : hi - Math.Max(1, Math.Abs(hi));
            }
            if (Math.Abs(next - t) <= 1e-15 * (1 + Math.Abs(t))) return next;
            t = next;
        }
        return t;
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var (logX, logY) = LearningCurveStarts.MedianPoint(data);
        var (min, max) = LearningCurveStarts.Range(data);
        double y = Math.Exp(logY);
        var starts = new List<double[]>();
        foreach (var c in new[] { -0.25, -0.5, -1.0 })
        foreach (var alpha in new[] { 0.25, 0.5, 1.0, 2.0 })
        foreach (var infShare in new[] { 0.5, 0.9 })
        foreach (var zeroShare in new[] { 1.05, 1.5, 3.0 })
        {
            double inf = infShare * min, zero = zeroShare * max;
            double logBeta = Math.Log(Math.Max(y - inf, 1e-12 * y)) - alpha * Math.Log(zero - y) - c * logX;
            starts.Add([logBeta, c, alpha, Math.Log(inf), Math.Log(zero)]);
        }
        return starts;
    }
}
