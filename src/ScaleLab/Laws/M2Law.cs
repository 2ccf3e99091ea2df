using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// M2 learning-curve estimator (Alabdulmohsin et al. 2022, arXiv:2209.06640; the power law with a
/// floor of Hestness et al. 2017 and Henighan et al. 2020):
/// <code>ε_x = β · x^c + ε_inf</code>
/// x = examples or tokens seen (the Tokens column).
/// Parameterisation: θ = (ln β, c, ln ε_inf), so ln ε = LSE(ln β + c·ln x, ln ε_inf).
/// Fitted by least squares on log residuals (squared-log objective), as in the paper's code.
/// Default starts: c ∈ {−0.25, −0.5, −1}, ε_inf ∈ {0.5, 0.9, 0.99}·min ε, β through the median point.
/// </summary>
public sealed class M2Law : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static M2Law Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("beta", "scale"),
        LawParameter.Plain("c", "exponent (negative: the metric falls with x)"),
        LawParameter.Scale("eps_inf", "limit as x grows (irreducible error)"),
    ];

    /// <inheritdoc />
    public override string Name => "m2";

    /// <inheritdoc />
    public override string Formula => "eps = beta * x^c + eps_inf";

    /// <inheritdoc />
    public override string Reference => "Alabdulmohsin et al. 2022, arXiv:2209.06640, M2";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Tokens];

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logBeta = theta[0], c = theta[1], logInf = theta[2];
        var logX = data.Logs(ScaleVariable.Tokens);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double t1 = logBeta + c * logX[i];
            double m = Math.Max(t1, logInf);
            double e1 = Math.Exp(t1 - m), e2 = Math.Exp(logInf - m);
            double s = e1 + e2;
            logPrediction[i] = m + Math.Log(s);
            if (withJacobian)
            {
                double w1 = e1 / s;
                jacobian[i] = w1;
                jacobian[n + i] = w1 * logX[i];
                jacobian[2 * n + i] = e2 / s;
            }
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var (logX, logY) = LearningCurveStarts.MedianPoint(data);
        var (min, _) = LearningCurveStarts.Range(data);
        var y = Math.Exp(logY);
        var starts = new List<double[]>();
        foreach (var c in new[] { -0.25, -0.5, -1.0 })
        foreach (var share in new[] { 0.5, 0.9, 0.99 })
        {
            double inf = share * min;
            starts.Add([Math.Log(Math.Max(y - inf, 1e-12 * y)) - c * logX, c, Math.Log(inf)]);
        }
        return starts;
    }
}
