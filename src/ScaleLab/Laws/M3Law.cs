using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// M3 learning-curve estimator (Alabdulmohsin et al. 2022, arXiv:2209.06640; the saturating form of
/// Zhai et al. 2022):
/// <code>ε_x = β · (1/x + γ)^(−c)</code>
/// with c &lt; 0, so ε falls with x towards ε_inf = β·γ^(−c).
/// Parameterisation: θ = (ln β, c, ln γ); ln ε = ln β − c·ln(1/x + γ).
/// Fitted by least squares on log residuals (squared-log objective).
/// Default starts: c ∈ {−0.25, −0.5, −1}, γ ∈ {1e-2, 1, 1e2}/x_max, β through the median point.
/// </summary>
public sealed class M3Law : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static M3Law Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("beta", "scale"),
        LawParameter.Plain("c", "exponent (negative: the metric falls with x)"),
        LawParameter.Scale("gamma", "saturation: the curve flattens once x exceeds about 1/gamma"),
    ];

    /// <inheritdoc />
    public override string Name => "m3";

    /// <inheritdoc />
    public override string Formula => "eps = beta * (1/x + gamma)^(-c)";

    /// <inheritdoc />
    public override string Reference => "Alabdulmohsin et al. 2022, arXiv:2209.06640, M3";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Tokens];

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logBeta = theta[0], c = theta[1], gamma = Math.Exp(theta[2]);
        var logX = data.Logs(ScaleVariable.Tokens);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double inv = Math.Exp(-logX[i]);
            double u = inv + gamma;
            double logU = Math.Log(u);
            logPrediction[i] = logBeta - c * logU;
            if (withJacobian)
            {
                jacobian[i] = 1;
                jacobian[n + i] = -logU;
                jacobian[2 * n + i] = -c * gamma / u;
            }
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var (logX, logY) = LearningCurveStarts.MedianPoint(data);
        double xMax = data.Values(ScaleVariable.Tokens).ToArray().Max();
        var starts = new List<double[]>();
        foreach (var c in new[] { -0.25, -0.5, -1.0 })
        foreach (var g in new[] { 1e-2, 1.0, 1e2 })
        {
            double gamma = g / xMax;
            starts.Add([logY + c * Math.Log(Math.Exp(-logX) + gamma), c, Math.Log(gamma)]);
        }
        return starts;
    }
}
