using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Kaplan et al.'s learning curves (2020, "Scaling Laws for Neural Language Models", arXiv:2001.08361, eqs. 1.4,
/// 5.4 and 5.6): the loss of a model of N parameters after S steps at batch B tokens,
/// <code>L = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S,  S_min = S/(1 + B_crit(L)/B),  B_crit(L) = B_star/L^(1/alpha_B)</code>
/// S_min is the number of steps the same progress would take at a batch far above critical. Because B_crit depends on
/// the loss itself, the law is implicit in L; G(L) = L − (N_c/N)^alpha_N − (S_c/S_min(L))^alpha_S is increasing, so each
/// point has one root, found by safeguarded Newton, and the Jacobian follows by implicit differentiation.
/// The law reads N, the step S (a column S or <c>--var S=COLUMN</c>) and the tokens seen D, with B = D/S.
/// <see cref="CriticalBatch"/> gives the compute-efficient batch at a loss and <see cref="MinimumSteps"/> the steps to a
/// target loss. Published (Table 3 and Table 5): alpha_N = 0.077, N_c = 6.5e13, alpha_S = 0.76, S_c = 2.1e3,
/// B_star = 2.1e8 tokens, alpha_B = 0.21. With one batch size the batch constants are weakly identified: fix them
/// (<c>--fix B_star=2.1e8 --fix alpha_B=0.21</c>) unless the runs vary B.
/// Parameterisation: θ = (ln N_c, alpha_N, ln S_c, alpha_S, ln B_star, alpha_B); alpha_B ≥ 1e-3.
/// Fitted by least squares on log residuals (the paper fits all steps after warm-up).
/// Default starts: the published constants, and alpha_N ∈ {0.05, 0.077, 0.15}, alpha_S ∈ {0.4, 0.76, 1.2} with the N term
/// taking {50, 80, 95} % of the mean loss at the mean log N and log S.
/// </summary>
public sealed class KaplanStepsLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static KaplanStepsLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("N_c", "model-size scale (non-embedding parameters)"),
        LawParameter.Plain("alpha_N", "model-size exponent") with { Lower = 0 },
        LawParameter.Scale("S_c", "step scale"),
        LawParameter.Plain("alpha_S", "step exponent") with { Lower = 0 },
        LawParameter.Scale("B_star", "critical-batch scale (tokens)"),
        LawParameter.Plain("alpha_B", "critical-batch exponent") with { Lower = 1e-3 },
    ];

    /// <summary>The published constants (Kaplan et al. 2020, Tables 3 and 5).</summary>
    public static IReadOnlyDictionary<string, double> Published { get; } = new Dictionary<string, double>
    {
        ["N_c"] = 6.5e13, ["alpha_N"] = 0.077, ["S_c"] = 2.1e3, ["alpha_S"] = 0.76, ["B_star"] = 2.1e8, ["alpha_B"] = 0.21,
    };

    private KaplanStepsLaw()
    {
    }

    /// <summary>The critical batch B_crit(L) = B_star/L^(1/alpha_B) in tokens (eq. 1.4): training at it costs twice the minimum steps and twice the minimum data.</summary>
    public static double CriticalBatch(double loss, double bStar, double alphaB) => bStar / Math.Pow(loss, 1 / alphaB);

    /// <summary>
    /// The steps S_min = S_c/(L − (N_c/N)^alpha_N)^(1/alpha_S) a model of <paramref name="parameters"/> needs to reach
    /// <paramref name="targetLoss"/> at a batch far above critical; at batch B it takes S_min·(1 + B_crit/B) steps
    /// (<see cref="StepsAtBatch"/>). NaN when the target is at or below the model's converged loss.
    /// </summary>
    public static double MinimumSteps(IReadOnlyDictionary<string, double> parameters, double parameterCount, double targetLoss)
    {
        double rest = targetLoss - Math.Pow(parameters["N_c"] / parameterCount, parameters["alpha_N"]);
        return rest > 0 ? parameters["S_c"] / Math.Pow(rest, 1 / parameters["alpha_S"]) : double.NaN;
    }

    /// <summary>Steps at batch <paramref name="batch"/> for the progress of <paramref name="minimumSteps"/> (eq. 5.4 inverted): S = S_min·(1 + B_crit/B).</summary>
    public static double StepsAtBatch(double minimumSteps, double batch, double criticalBatch) => minimumSteps * (1 + criticalBatch / batch);

    /// <inheritdoc />
    public override string Name => "kaplan-steps";

    /// <inheritdoc />
    public override string Formula => "L = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S, S_min = S/(1 + B_star/(L^(1/alpha_B)*B)), B = D/S";

    /// <inheritdoc />
    public override string Reference => "Kaplan et al. 2020, arXiv:2001.08361, eqs. 1.4, 5.4, 5.6";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens, VariableNames.Steps];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => variable == ScaleVariable.Tokens
        ? "D: tokens seen so far; the batch is B = D/S tokens (column D, tokens, ... or --tokens)"
        : variable == ScaleVariable.Parameters ? "N: non-embedding parameters (column N, params, ... or --params)" : VariableNames.Describe(variable);

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logNc = theta[0], alphaN = theta[1], logSc = theta[2], alphaS = theta[3], logBStar = theta[4], alphaB = theta[5];
        var logN = data.Logs(ScaleVariable.Parameters);
        var logD = data.Logs(ScaleVariable.Tokens);
        var logS = data.Logs(VariableNames.Steps);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double termN = Math.Exp(alphaN * (logNc - logN[i]));
            // ln(B_crit/B) = ln B_star − ln L/alpha_B − ln B with ln B = ln D − ln S.
            double logRatioAtUnitLoss = logBStar - (logD[i] - logS[i]);
            double stepsBase = logSc - logS[i];
            double loss = Solve(termN, stepsBase, alphaS, logRatioAtUnitLoss, alphaB, out double termS, out double share);
            logPrediction[i] = Math.Log(loss);
            if (!withJacobian) continue;
            // G(L) = L − T_N − T_S(L); dL/dθ = (∂T_N/∂θ + ∂T_S/∂θ)/G′ at fixed L, and ∂ln L = dL/L.
            double slowdown = LogMath.Softplus(logRatioAtUnitLoss - Math.Log(loss) / alphaB);
            double gPrime = 1 + termS * alphaS * share / (alphaB * loss), scale = 1 / (gPrime * loss);
            jacobian[i] = scale * alphaN * termN;
            jacobian[n + i] = scale * termN * (logNc - logN[i]);
            jacobian[2 * n + i] = scale * alphaS * termS;
            jacobian[3 * n + i] = scale * termS * (stepsBase + slowdown);
            jacobian[4 * n + i] = scale * termS * alphaS * share;
            jacobian[5 * n + i] = scale * termS * alphaS * share * Math.Log(loss) / (alphaB * alphaB);
        }
    }

    // The root of G(L) = L − T_N − exp(alpha_S·(stepsBase + softplus(ln ρ₁ − ln L/alpha_B))) with ρ₁ = B_star/B at L = 1;
    // also the step term T_S and σ(ln ρ) at the root. G rises from G(T_N + T_S(∞)) ≤ 0; Newton from there stays bracketed.
    private static double Solve(double termN, double stepsBase, double alphaS, double logRatioAtUnitLoss, double alphaB, out double termS, out double share)
    {
        double lo = termN + Math.Exp(alphaS * stepsBase), hi = double.PositiveInfinity, loss = lo;
        termS = share = double.NaN;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double logRatio = logRatioAtUnitLoss - Math.Log(loss) / alphaB;
            termS = Math.Exp(alphaS * (stepsBase + LogMath.Softplus(logRatio)));
            share = LogMath.Sigmoid(logRatio);
            double g = loss - termN - termS;
            if (!double.IsFinite(g)) return double.NaN;
            if (g == 0) return loss;
            if (g < 0) lo = Math.Max(lo, loss); else hi = Math.Min(hi, loss);
            double next = loss - g / (1 + termS * alphaS * share / (alphaB * loss));
            if (!(next > lo && next < hi)) next = double.IsFinite(hi) ? 0.5 * (lo + hi) : 2 * loss;
            if (Math.Abs(next - loss) <= 1e-15 * loss)
            {
                loss = next;
                break;
            }
            loss = next;
        }
        double finalRatio = logRatioAtUnitLoss - Math.Log(loss) / alphaB;
        termS = Math.Exp(alphaS * (stepsBase + LogMath.Softplus(finalRatio)));
        share = LogMath.Sigmoid(finalRatio);
        return loss;
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        double meanLogN = data.Logs(ScaleVariable.Parameters).ToArray().Average(), meanLogS = data.Logs(VariableNames.Steps).ToArray().Average();
        double meanL = data.Y.Average();
        var published = FromNamed(Published);
        var starts = new List<double[]> { published };
        foreach (var alphaN in new[] { 0.05, 0.077, 0.15 })
        foreach (var alphaS in new[] { 0.4, 0.76, 1.2 })
        foreach (var share in new[] { 0.5, 0.8, 0.95 })
        {
            double logNc = meanLogN + Math.Log(share * meanL) / alphaN;
            double logSc = meanLogS + Math.Log((1 - share) * meanL) / alphaS;
            starts.Add([logNc, alphaN, logSc, alphaS, published[4], published[5]]);
        }
        return starts;
    }
}
