using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Bivariate law of translation loss in encoder and decoder size (Ghorbani et al. 2021, "Scaling Laws for Neural
/// Machine Translation", arXiv:2109.07740):
/// <code>L(N_e, N_d) = alpha·(N̄_e/N_e)^p_e·(N̄_d/N_d)^p_d + L_inf</code>
/// The total parameter count alone does not determine the loss: encoder and decoder scale with their own
/// exponents, which fixes how a budget is best split (<see cref="EncoderShare"/>). N̄_e and N̄_d are normalisation
/// constants, not fitted (alpha absorbs them): both are 10⁸ here, so alpha is the reducible loss of a model with
/// 10⁸ encoder and 10⁸ decoder parameters.
/// Parameterisation: θ = (ln alpha, p_e, p_d, ln L_inf), ln L = LSE(ln alpha + p_e·ln(N̄_e/N_e) + p_d·ln(N̄_d/N_d), ln L_inf).
/// Fitted by least squares on log residuals.
/// Default starts: p_e, p_d ∈ {0.1, 0.3, 0.6}, L_inf ∈ {0.3, 0.6, 0.9}·min L, alpha matching the data's mean log reducible loss.
/// </summary>
public sealed class GhorbaniNmtLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static GhorbaniNmtLaw Instance { get; } = new();

    /// <summary>The normalisation N̄_e = N̄_d of encoder and decoder sizes.</summary>
    public const double ReferenceSize = 1e8;

    private static readonly double LogReference = Math.Log(ReferenceSize);

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("alpha", "reducible loss at 1e8 encoder and 1e8 decoder parameters"),
        LawParameter.Plain("p_e", "encoder exponent") with { Lower = 0 },
        LawParameter.Plain("p_d", "decoder exponent") with { Lower = 0 },
        LawParameter.Scale("L_inf", "irreducible loss"),
    ];

    private GhorbaniNmtLaw()
    {
    }

    /// <summary>
    /// The share of a fixed total N_e + N_d that minimises the loss: minimising −p_e·ln N_e − p_d·ln(N − N_e) gives
    /// N_e/N = p_e/(p_e + p_d), whatever alpha and L_inf.
    /// </summary>
    public static double EncoderShare(double pEncoder, double pDecoder) => pEncoder / (pEncoder + pDecoder);

    /// <summary>The loss-minimising encoder and decoder sizes for <paramref name="totalParameters"/> in all.</summary>
    public static (double Encoder, double Decoder) OptimalSplit(double totalParameters, double pEncoder, double pDecoder)
    {
        double share = EncoderShare(pEncoder, pDecoder);
        return (share * totalParameters, (1 - share) * totalParameters);
    }

    /// <inheritdoc />
    public override string Name => "ghorbani-nmt";

    /// <inheritdoc />
    public override string Formula => "L = alpha*(1e8/N_e)^p_e*(1e8/N_d)^p_d + L_inf";

    /// <inheritdoc />
    public override string Reference => "Ghorbani et al. 2021, arXiv:2109.07740";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [VariableNames.EncoderParameters, VariableNames.DecoderParameters];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logAlpha = theta[0], pe = theta[1], pd = theta[2], logInf = theta[3];
        var logE = data.Logs(VariableNames.EncoderParameters);
        var logD = data.Logs(VariableNames.DecoderParameters);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double ue = LogReference - logE[i], ud = LogReference - logD[i];
            logPrediction[i] = LogMath.LogSumExp(logInf, logAlpha + pe * ue + pd * ud, out double w);
            if (!withJacobian) continue;
            jacobian[i] = w;
            jacobian[n + i] = w * ue;
            jacobian[2 * n + i] = w * ud;
            jacobian[3 * n + i] = 1 - w;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var logE = data.Logs(VariableNames.EncoderParameters);
        var logD = data.Logs(VariableNames.DecoderParameters);
        double minY = data.Y.Min();
        var starts = new List<double[]>();
        foreach (var pe in new[] { 0.1, 0.3, 0.6 })
        foreach (var pd in new[] { 0.1, 0.3, 0.6 })
        foreach (var floorShare in new[] { 0.3, 0.6, 0.9 })
        {
            double floor = floorShare * minY, sum = 0;
            for (int i = 0; i < data.Count; i++)
            {
                sum += Math.Log(data.Y[i] - floor) - pe * (LogReference - logE[i]) - pd * (LogReference - logD[i]);
            }
            starts.Add([sum / data.Count, pe, pd, Math.Log(floor)]);
        }
        return starts;
    }
}
