using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// The sigmoid link from task loss to accuracy (Bhagia et al. 2024, "Establishing Task Scaling Laws via
/// Compute-Efficient Model Ladders", arXiv:2412.04403, the OLMo ladder's second step):
/// <code>Acc(L) = a/(1 + e^(−k·(L − L0))) + b</code>
/// b is the accuracy the curve falls to at large loss (the random-guess level), a + b the level it rises to, L0 the
/// midpoint and k the steepness (negative: accuracy rises as the loss falls). The input is the task loss L (a column L,
/// or <c>--var L=COLUMN</c>); <see cref="TwoStepPrediction"/> chains it after a law of loss against scale.
/// Parameterisation: θ = (ln a, k, L0, b), ln Acc = ln(a·σ(k·(L − L0)) + b); b ≥ 0.
/// Fitted by least squares on the accuracy itself.
/// Default starts: b ∈ {0, 0.5, 0.9}·min Acc, a + b ∈ {max Acc, 1}, k ∈ {−1, −3, −10}, L0 at the 25th, 50th and 75th
/// percentile of the loss.
/// </summary>
public sealed class SigmoidLinkLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static SigmoidLinkLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("a", "rise from the floor to the ceiling"),
        LawParameter.Plain("k", "steepness (negative: accuracy rises as the loss falls)"),
        LawParameter.Plain("L0", "loss at the midpoint"),
        LawParameter.Plain("b", "floor (random-guess accuracy)") with { Lower = 0 },
    ];

    private static readonly FitObjective LeastSquares = new() { Loss = LossKind.Squared, Space = ResidualSpace.Linear };

    private SigmoidLinkLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "sigmoid-link";

    /// <inheritdoc />
    public override string Formula => "Acc = a/(1 + exp(-k*(L - L0))) + b";

    /// <inheritdoc />
    public override string Reference => "Bhagia et al. 2024, arXiv:2412.04403, task loss to accuracy";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [VariableNames.Loss];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Score;

    /// <inheritdoc />
    public override bool InputsAreScales => false;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => LeastSquares;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double a = Math.Exp(theta[0]), k = theta[1], l0 = theta[2], b = theta[3];
        var loss = data.Values(VariableNames.Loss);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double z = k * (loss[i] - l0);
            double s = LogMath.Sigmoid(z);
            double y = a * s + b;
            logPrediction[i] = y > 0 ? Math.Log(y) : double.NaN;
            if (!withJacobian) continue;
            double slope = a * s * (1 - s) / y;
            jacobian[i] = a * s / y;
            jacobian[n + i] = slope * (loss[i] - l0);
            jacobian[2 * n + i] = -slope * k;
            jacobian[3 * n + i] = 1 / y;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var loss = data.Values(VariableNames.Loss).ToArray();
        Array.Sort(loss);
        double Quantile(double p) => loss[(int)Math.Round(p * (loss.Length - 1))];
        double minY = data.Y.Min(), maxY = data.Y.Max();
        var starts = new List<double[]>();
        foreach (var floorShare in new[] { 0.0, 0.5, 0.9 })
        foreach (var ceiling in new[] { maxY, 1.0 })
        foreach (var k in new[] { -1.0, -3.0, -10.0 })
        foreach (var p in new[] { 0.25, 0.5, 0.75 })
        {
            double b = floorShare * minY;
            starts.Add([Math.Log(Math.Max(ceiling - b, 1e-6)), k, Quantile(p), b]);
        }
        return starts;
    }
}
