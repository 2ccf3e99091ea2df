using System.Numerics.Tensors;
using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// Kaplan et al. joint law in model size and data (2020, "Scaling Laws for Neural Language
/// Models", arXiv:2001.08361, eq. 1.5 / 4.1):
/// <code>L(N, D) = [ (N_c/N)^(alpha_N/alpha_D) + D_c/D ]^alpha_D</code>
/// Parameterisation: θ = (alpha_N, alpha_D, ln N_c, ln D_c); with u = (alpha_N/alpha_D)(ln N_c − ln N)
/// and v = ln D_c − ln D, ln L = alpha_D · LSE(u, v) (log-sum-exp), stable for any scale.
/// alpha_D is bounded below by 1e-3 (it divides alpha_N).
/// Fitted by default with least squares on log residuals (docs/science.md §1, V22).
/// Default starts: alpha_N, alpha_D ∈ {0.05, 0.1, 0.2, 0.4} and a share s ∈ {0.1, 0.5, 0.9} of
/// L^(1/alpha_D) given to the N term at the data's mean log N, log D and log L, which fixes N_c and D_c.
/// Published fit (Table 2): alpha_N = 0.076, alpha_D = 0.103, N_c = 6.4e13, D_c = 1.8e13.
/// </summary>
public sealed class KaplanLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static KaplanLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Plain("alpha_N", "model-size exponent") with { Lower = 0 },
        LawParameter.Plain("alpha_D", "data exponent") with { Lower = 1e-3 },
        LawParameter.Scale("N_c", "model-size scale (parameters)"),
        LawParameter.Scale("D_c", "data scale (tokens)"),
    ];

    private static readonly double[] ExponentGrid = [0.05, 0.1, 0.2, 0.4];
    private static readonly double[] ShareGrid = [0.1, 0.5, 0.9];

    private KaplanLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "kaplan";

    /// <inheritdoc />
    public override string Formula => "L = ((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D";

    /// <inheritdoc />
    public override string Reference => "Kaplan et al. 2020, arXiv:2001.08361, eq. 1.5";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens];

    /// <inheritdoc />
    public override Metrics.MetricSpace Space => Metrics.MetricSpace.Loss;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double alphaN = theta[0], alphaD = theta[1], logNc = theta[2], logDc = theta[3];
        double ratio = alphaN / alphaD;
        int n = data.Count;
        using var scratch = jacobian.IsEmpty ? LawScratch.Rent(4, n) : default;
        // The four Jacobian rows (or pooled rows) hold the intermediate terms, then the derivatives.
        var rows = jacobian.IsEmpty ? scratch.Rows(4) : jacobian;
        Span<double> r0 = rows.Slice(0, n), r1 = rows.Slice(n, n), r2 = rows.Slice(2 * n, n), r3 = rows.Slice(3 * n, n);
        TensorPrimitives.Subtract(logNc, data.Logs(ScaleVariable.Parameters), r0);   // p = ln N_c − ln N
        TensorPrimitives.Multiply(r0, ratio, r2);                                    // u = ratio·p
        TensorPrimitives.Subtract(logDc, data.Logs(ScaleVariable.Tokens), r3);       // v
        TensorPrimitives.Max(r2, r3, r1);                                            // m = max(u, v)
        TensorPrimitives.Subtract(r2, r1, r2);
        TensorPrimitives.Exp(r2, r2);
        TensorPrimitives.Subtract(r3, r1, r3);
        TensorPrimitives.Exp(r3, r3);
        TensorPrimitives.Add(r2, r3, logPrediction);                                 // S' = e^(u−m) + e^(v−m)
        TensorPrimitives.Divide(r2, logPrediction, r2);                              // w_u
        TensorPrimitives.Divide(r3, logPrediction, r3);                              // w_v
        TensorPrimitives.Log(logPrediction, logPrediction);
        TensorPrimitives.Add(logPrediction, r1, logPrediction);                      // ln S = LSE(u, v)
        // ∂/∂alpha_N = w_u·p; ∂/∂alpha_D = ln S − w_u·u; ∂/∂ln N_c = alpha_N·w_u; ∂/∂ln D_c = alpha_D·w_v.
        TensorPrimitives.Multiply(r0, r2, r0);
        TensorPrimitives.MultiplyAdd(r0, -ratio, logPrediction, r1);
        TensorPrimitives.Multiply(r2, alphaN, r2);
        TensorPrimitives.Multiply(r3, alphaD, r3);
        TensorPrimitives.Multiply(logPrediction, alphaD, logPrediction);
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        double meanLogN = TensorPrimitives.Average(data.Logs(ScaleVariable.Parameters));
        double meanLogD = TensorPrimitives.Average(data.Logs(ScaleVariable.Tokens));
        double meanLogL = TensorPrimitives.Average(data.LogY);
        return DefaultStarts(meanLogN, meanLogD, meanLogL);
    }

    /// <summary>The default grid placed at a typical point (mean log N, log D, log L); laws built on this form reuse it.</summary>
    internal static IReadOnlyList<double[]> DefaultStarts(double meanLogN, double meanLogD, double meanLogL)
    {
        var starts = new List<double[]>();
        foreach (var alphaN in ExponentGrid)
        foreach (var alphaD in ExponentGrid)
        foreach (var share in ShareGrid)
        {
            // At the typical point, (N_c/N)^(alpha_N/alpha_D) = share·L^(1/alpha_D) and D_c/D = (1 − share)·L^(1/alpha_D).
            double logNc = meanLogN + meanLogL / alphaN + alphaD / alphaN * Math.Log(share);
            double logDc = meanLogD + meanLogL / alphaD + Math.Log(1 - share);
            starts.Add([alphaN, alphaD, logNc, logDc]);
        }
        return starts;
    }
}
