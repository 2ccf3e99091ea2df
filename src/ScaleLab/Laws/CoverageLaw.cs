using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Coverage against the number of samples drawn at test time (Brown et al. 2024, "Large Language Monkeys: Scaling
/// Inference Compute with Repeated Sampling", arXiv:2407.21787): the fraction of problems solved by at least one of
/// k samples follows an exponentiated power law,
/// <code>c(k) = exp(a·k^b),  a &lt; 0, b &lt; 0</code>
/// so ln c = a·k^b tends to 0 (every problem solved) as k grows. The coverage points come from per-problem counts
/// (n samples, c correct) through the unbiased pass@k estimator of Chen et al. 2021 (<see cref="Metrics.PassAtK"/>,
/// <c>scalelab pass-at-k</c>), with binomial intervals over the problems.
/// Parameterisation: θ = (a, b), ln c = a·exp(b·ln k).
/// Fitted by least squares on log residuals (ln c is the law's own scale).
/// Default starts: a ∈ {−0.5, −1, −2, −5}, b ∈ {−0.1, −0.3, −0.6, −1}.
/// </summary>
public sealed class CoverageLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static CoverageLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Plain("a", "ln coverage at k = 1") with { Upper = 0 },
        LawParameter.Plain("b", "exponent in k") with { Upper = 0 },
    ];

    private CoverageLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "coverage";

    /// <inheritdoc />
    public override string Formula => "c = exp(a*k^b)";

    /// <inheritdoc />
    public override string Reference => "Brown et al. 2024, arXiv:2407.21787; pass@k estimator of Chen et al. 2021, arXiv:2107.03374";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [VariableNames.Samples];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Score;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double a = theta[0], b = theta[1];
        var logK = data.Logs(VariableNames.Samples);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double power = Math.Exp(b * logK[i]);
            logPrediction[i] = a * power;
            if (!withJacobian) continue;
            jacobian[i] = power;
            jacobian[n + i] = a * power * logK[i];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var starts = new List<double[]>();
        foreach (var a in new[] { -0.5, -1.0, -2.0, -5.0 })
        foreach (var b in new[] { -0.1, -0.3, -0.6, -1.0 })
        {
            starts.Add([a, b]);
        }
        return starts;
    }
}
