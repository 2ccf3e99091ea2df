using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// Data-constrained scaling law (Muennighoff et al. 2023, "Scaling Data-Constrained Language Models",
/// arXiv:2305.16264, eqs. 5–6; docs/science.md §4):
/// <code>
/// L(N, D, U) = E + A / N′^alpha + B / D′^beta
/// U_D = min(U, D),  R_D = D/U_D − 1,   D′ = U_D + U_D·R_D*·(1 − exp(−R_D/R_D*))
/// U_N = min(N, N_opt(U_D)),  R_N = N/U_N − 1,   N′ = U_N + U_N·R_N*·(1 − exp(−R_N/R_N*))
/// N_opt(U_D) = G·(U_D·G)^(beta/alpha),  G = (alpha·A/(beta·B))^(1/(alpha+beta))
/// </code>
/// Repeated tokens are worth less and less (D′ ≤ U_D·(1 + R_D*)); parameters beyond the
/// compute-optimal size for the unique data likewise (N′ ≤ U_N·(1 + R_N*)). With no repetition
/// it is the Chinchilla law.
/// Parameterisation: θ = (e, a, b, alpha, beta, ln R_N*, ln R_D*), E = exp(e), A = exp(a), B = exp(b).
/// Fitted like Chinchilla: Huber δ = 1e-3 on log residuals, summed. The paper fits the base
/// (E, A, B, alpha = beta) on single-epoch runs, then R_N*, R_D* with the base frozen
/// (<c>FitOptions.Fixed</c>); the README values are e = 0.6254804, a = 6.255414, b = 7.3049974,
/// alpha = beta = 0.3526596, R_N* = 5.309743, R_D* = 15.387756.
/// Default starts: the Chinchilla grid's (alpha, beta, e) corners at a, b ∈ {5, 10} crossed with
/// R_N*, R_D* ∈ {1, 5, 20, 100}; pass frozen base values through <c>FitOptions.Fixed</c> and only the
/// decay constants move. R_D* is often weakly identified (a flat profile): check it before quoting it.
/// </summary>
public sealed class DataConstrainedLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static DataConstrainedLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("E", "irreducible loss"),
        LawParameter.Scale("A", "parameter-term scale"),
        LawParameter.Scale("B", "data-term scale"),
        LawParameter.Plain("alpha", "parameter exponent") with { Lower = 1e-6 },
        LawParameter.Plain("beta", "data exponent") with { Lower = 1e-6 },
        LawParameter.Scale("R_N_star", "excess-parameter decay constant R_N*"),
        LawParameter.Scale("R_D_star", "repeated-data decay constant R_D* (epochs beyond the first at which repeats are worth 1/e)"),
    ];

    private static readonly IReadOnlyList<double[]> Grid = BuildGrid();

    /// <inheritdoc />
    public override string Name => "data-constrained";

    /// <inheritdoc />
    public override string Formula => "L = E + A/N'^alpha + B/D'^beta, D' = U_D(1 + R_D*(1 - exp(-R_D/R_D*))), N' = U_N(1 + R_N*(1 - exp(-R_N/R_N*)))";

    /// <inheritdoc />
    public override string Reference => "Muennighoff et al. 2023, arXiv:2305.16264, eqs. 5-6";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.UniqueTokens];

    /// <inheritdoc />
    public override Metrics.MetricSpace Space => Metrics.MetricSpace.Loss;

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => Grid;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double e = theta[0], a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4];
        double rnStar = Math.Exp(theta[5]), rdStar = Math.Exp(theta[6]);
        double bigE = Math.Exp(e), bigA = Math.Exp(a), bigB = Math.Exp(b);
        // ln N_opt(U_D) = k/alpha + (beta/alpha)·ln U_D with k = ln alpha − ln beta + a − b.
        double k = Math.Log(alpha) - Math.Log(beta) + a - b;
        int n = data.Count;
        var nValues = data.Values(ScaleVariable.Parameters);
        var dValues = data.Values(ScaleVariable.Tokens);
        var uValues = data.Values(ScaleVariable.UniqueTokens);
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double nn = nValues[i], d = dValues[i];
            double ud = Math.Min(uValues[i], d);
            double rd = Math.Max(d / ud - 1, 0);
            double y = Math.Exp(-rd / rdStar);
            double dPrime = ud + ud * rdStar * (1 - y);
            double lnUd = Math.Log(ud);
            double lnFrontier = k / alpha + beta / alpha * lnUd;
            double frontier = Math.Exp(lnFrontier);
            bool excess = nn > frontier;
            double un = excess ? frontier : nn;
            double rn = Math.Max(nn / un - 1, 0);
            double x = Math.Exp(-rn / rnStar);
            double nPrime = un + un * rnStar * (1 - x);
            double t1 = bigA * Math.Pow(nPrime, -alpha);
            double t2 = bigB * Math.Pow(dPrime, -beta);
            double s = bigE + t1 + t2;
            logPrediction[i] = Math.Log(s);
            if (!withJacobian) continue;
            // ∂s/∂ln N′ = −alpha·t1; N′ moves with U_N (through the base parameters) and with R_N*.
            double sN = -alpha * t1 / nPrime;
            double dnPrimeDlnUn = excess ? un * (1 + rnStar * (1 - x) - x * nn / un) : 0;
            double dlnUnDa = 1 / alpha, dlnUnDb = -1 / alpha;
            double dlnUnDalpha = (1 - k - beta * lnUd) / (alpha * alpha);
            double dlnUnDbeta = -1 / (alpha * beta) + lnUd / alpha;
            double viaUn = sN * dnPrimeDlnUn;
            double q = rn / rnStar, p = rd / rdStar;
            jacobian[i] = bigE / s;
            jacobian[n + i] = (t1 + viaUn * dlnUnDa) / s;
            jacobian[2 * n + i] = (t2 + viaUn * dlnUnDb) / s;
            jacobian[3 * n + i] = (-t1 * Math.Log(nPrime) + viaUn * dlnUnDalpha) / s;
            jacobian[4 * n + i] = (-t2 * Math.Log(dPrime) + viaUn * dlnUnDbeta) / s;
            jacobian[5 * n + i] = sN * rnStar * un * (1 - x - x * q) / s;
            jacobian[6 * n + i] = -beta * t2 / dPrime * rdStar * ud * (1 - y - y * p) / s;
        }
    }

    private static IReadOnlyList<double[]> BuildGrid()
    {
        var starts = new List<double[]>();
        foreach (var ab in new[] { 5.0, 10.0 })
        foreach (var e in new[] { -1.0, 0.0, 1.0 })
        foreach (var exponent in new[] { 0.25, 0.5 })
        foreach (var rn in new[] { 1.0, 5.0, 20.0, 100.0 })
        foreach (var rd in new[] { 1.0, 5.0, 20.0, 100.0 })
        {
            starts.Add([e, ab, ab, exponent, exponent, Math.Log(rn), Math.Log(rd)]);
        }
        return starts;
    }
}
