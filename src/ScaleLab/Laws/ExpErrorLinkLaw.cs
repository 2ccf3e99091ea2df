using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// The link from loss to downstream error (Gadre et al. 2024, "Language models scale reliably with over-training
/// and on downstream tasks", arXiv:2403.08540, §2): average top-1 error falls exponentially in the loss,
/// <code>Err(L) = epsilon − k·exp(−gamma·L)</code>
/// epsilon is the error the curve tends to at large loss (the random-guess level), k and gamma how it falls. The
/// input is the loss L (a column L, or <c>--var L=COLUMN</c>); with a law of loss against scale,
/// <see cref="TwoStepPrediction"/> predicts error from N and D in two steps.
/// Parameterisation: θ = (ln epsilon, ln k, gamma), ln Err = ln(epsilon − k·e^(−gamma·L)); NaN where that is not positive.
/// Fitted by least squares on the error itself, as the authors' curve_fit does.
/// Default starts: gamma ∈ {0.1, 0.3, 0.6, 1, 2}, epsilon ∈ {1.01, 1.1, 1.5}·max Err, k through the point of median loss.
/// </summary>
public sealed class ExpErrorLinkLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static ExpErrorLinkLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("epsilon", "error at large loss"),
        LawParameter.Scale("k", "scale of the fall"),
        LawParameter.Plain("gamma", "rate in the loss") with { Lower = 0 },
    ];

    private static readonly FitObjective LeastSquares = new() { Loss = LossKind.Squared, Space = ResidualSpace.Linear };

    private ExpErrorLinkLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "exp-error-link";

    /// <inheritdoc />
    public override string Formula => "Err = epsilon - k*exp(-gamma*L)";

    /// <inheritdoc />
    public override string Reference => "Gadre et al. 2024, arXiv:2403.08540, loss-to-error law";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [VariableNames.Loss];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Error;

    /// <inheritdoc />
    public override bool InputsAreScales => false;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => LeastSquares;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double epsilon = Math.Exp(theta[0]), logK = theta[1], gamma = theta[2];
        var loss = data.Values(VariableNames.Loss);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double fall = Math.Exp(logK - gamma * loss[i]), y = epsilon - fall;
            logPrediction[i] = y > 0 ? Math.Log(y) : double.NaN;
            if (!withJacobian) continue;
            jacobian[i] = epsilon / y;
            jacobian[n + i] = -fall / y;
            jacobian[2 * n + i] = fall * loss[i] / y;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var loss = data.Values(VariableNames.Loss);
        int median = LearningCurveStarts.MedianIndex(loss);
        double maxY = data.Y.Max(), yMedian = data.Y[median], lMedian = loss[median];
        var starts = new List<double[]>();
        foreach (var gamma in new[] { 0.1, 0.3, 0.6, 1.0, 2.0 })
        foreach (var share in new[] { 1.01, 1.1, 1.5 })
        {
            double epsilon = share * maxY;
            starts.Add([Math.Log(epsilon), Math.Log(Math.Max(epsilon - yMedian, 1e-12)) + gamma * lMedian, gamma]);
        }
        return starts;
    }
}
