using ScaleLab.Data;

namespace ScaleLab.Laws;

/// <summary>
/// M1 learning-curve estimator (Alabdulmohsin, Neyshabur &amp; Zhai 2022, "Revisiting Neural Scaling
/// Laws in Language and Vision", arXiv:2209.06640, §2; Kaplan-style pure power law):
/// <code>ε_x = β · x^c</code>
/// x = examples or tokens seen (the Tokens column), c &lt; 0 in the paper's sign convention.
/// Parameterisation: θ = (ln β, c), so ln ε = ln β + c·ln x is linear in θ.
/// Fitted, as in the paper's code, by least squares on log residuals (pass the squared-log objective).
/// Default starts: c ∈ {−0.1, −0.3, −0.5, −1}, β chosen so the curve passes through the median point.
/// </summary>
public sealed class M1Law : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static M1Law Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("beta", "scale"),
        LawParameter.Plain("c", "exponent (negative: the metric falls with x)"),
    ];

    /// <inheritdoc />
    public override string Name => "m1";

    /// <inheritdoc />
    public override string Formula => "eps = beta * x^c";

    /// <inheritdoc />
    public override string Reference => "Alabdulmohsin et al. 2022, arXiv:2209.06640, M1";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Tokens];

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logBeta = theta[0], c = theta[1];
        var logX = data.Logs(ScaleVariable.Tokens);
        int n = data.Count;
        for (int i = 0; i < n; i++) logPrediction[i] = logBeta + c * logX[i];
        if (jacobian.IsEmpty) return;
        jacobian.Slice(0, n).Fill(1);
        logX.CopyTo(jacobian.Slice(n, n));
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var (logX, logY) = LearningCurveStarts.MedianPoint(data);
        return new[] { -0.1, -0.3, -0.5, -1.0 }.Select(c => new[] { logY - c * logX, c }).ToArray();
    }
}
