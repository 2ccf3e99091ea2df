using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// The fine-tuned loss of a pre-trained model (Hernandez et al. 2021, "Scaling Laws for Transfer",
/// arXiv:2102.01293, eqs. 1.1 and 6.1): Kaplan et al.'s from-scratch L(N, D) evaluated at the effective data
/// D_E = D_F + D_T, the fine-tuning data plus the data transferred by pre-training, D_T = k·D_F^alpha·N^beta:
/// <code>L(N, D_F) = [ (N_c/N)^(alpha_N/alpha_D) + D_c/(D_F + k·D_F^alpha·N^beta) ]^alpha_D</code>
/// Eq. 6.1 writes D_T alone in the denominator, its limit in the low-data regime the law is meant for (D_T ≫ D_F).
/// D is the fine-tuning data D_F (characters in the paper), N the non-embedding parameters.
/// Parameterisation: θ = (alpha_N, alpha_D, ln N_c, ln D_c, ln k, alpha, beta); with u = (alpha_N/alpha_D)(ln N_c − ln N),
/// ln D_E = LSE(ln D_F, ln k + alpha·ln D_F + beta·ln N) and v = ln D_c − ln D_E, ln L = alpha_D·LSE(u, v).
/// From fine-tuned runs alone D_c and k are nearly interchangeable: fix the from-scratch constants
/// (<see cref="FitOptions.Fixed"/>, <c>--fix</c>) or use the paper's procedure, <see cref="HernandezTransfer.Fit"/>.
/// Fitted by least squares on log residuals.
/// Default starts: (k, alpha, beta) at the paper's two Table 1 fits, alpha_N, alpha_D ∈ {0.05, 0.1, 0.2, 0.4} and N_c,
/// D_c placed as <see cref="KaplanLaw"/> places them, at the data's mean log N, log D_E and log L.
/// </summary>
public sealed class HernandezTransferLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static HernandezTransferLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Plain("alpha_N", "from-scratch model-size exponent") with { Lower = 0 },
        LawParameter.Plain("alpha_D", "from-scratch data exponent") with { Lower = 1e-3 },
        LawParameter.Scale("N_c", "from-scratch model-size scale (parameters)"),
        LawParameter.Scale("D_c", "from-scratch data scale (fine-tuning data units)"),
        LawParameter.Scale("k", "transfer coefficient"),
        LawParameter.Plain("alpha", "fine-tuning data exponent of D_T"),
        LawParameter.Plain("beta", "model-size exponent of D_T"),
    ];

    private HernandezTransferLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "hernandez-transfer";

    /// <inheritdoc />
    public override string Formula => "L = ((N_c/N)^(alpha_N/alpha_D) + D_c/(D + k*D^alpha*N^beta))^alpha_D";

    /// <inheritdoc />
    public override string Reference => "Hernandez et al. 2021, arXiv:2102.01293, eqs. 1.1, 6.1";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => variable == ScaleVariable.Tokens
        ? "D: fine-tuning data D_F (the paper: characters) (column D, tokens, ... or --tokens)"
        : "N: non-embedding parameters (column N, params, ... or --params)";

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double alphaN = theta[0], alphaD = theta[1], logNc = theta[2], logDc = theta[3], logK = theta[4], alpha = theta[5], beta = theta[6];
        double ratio = alphaN / alphaD;
        var logN = data.Logs(ScaleVariable.Parameters);
        var logD = data.Logs(ScaleVariable.Tokens);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double logTransferred = logK + alpha * logD[i] + beta * logN[i];
            double logEffective = LogMath.LogSumExp(logD[i], logTransferred, out double wT);
            double p = logNc - logN[i], u = ratio * p, v = logDc - logEffective;
            double logS = LogMath.LogSumExp(u, v, out double wV);
            logPrediction[i] = alphaD * logS;
            if (!withJacobian) continue;
            double wU = 1 - wV, dTransfer = -alphaD * wV * wT;
            jacobian[i] = wU * p;
            jacobian[n + i] = logS - wU * u;
            jacobian[2 * n + i] = alphaN * wU;
            jacobian[3 * n + i] = alphaD * wV;
            jacobian[4 * n + i] = dTransfer;
            jacobian[5 * n + i] = dTransfer * logD[i];
            jacobian[6 * n + i] = dTransfer * logN[i];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logN = data.Logs(ScaleVariable.Parameters);
        var logD = data.Logs(ScaleVariable.Tokens);
        double meanLogN = Mean(logN), meanLogL = Mean(data.LogY);
        var starts = new List<double[]>();
        foreach (var transfer in new[] { TransferCoefficients.TextToPython, TransferCoefficients.MixedToPython })
        {
            double logK = Math.Log(transfer.K), sum = 0;
            for (int i = 0; i < data.Count; i++) sum += LogMath.LogSumExp(logD[i], logK + transfer.Alpha * logD[i] + transfer.Beta * logN[i], out _);
            double meanLogE = sum / data.Count;
            foreach (var kaplan in KaplanLaw.DefaultStarts(meanLogN, meanLogE, meanLogL))
            {
                starts.Add([kaplan[0], kaplan[1], kaplan[2], kaplan[3], logK, transfer.Alpha, transfer.Beta]);
            }
        }
        return starts;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
