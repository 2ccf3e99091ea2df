using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Double-saturating power law of error against compute (Zhai et al. 2022, "Scaling Vision Transformers",
/// arXiv:2106.04560, §2 and Fig. 2):
/// <code>E(C) = a·(C + d)^(−b) + c</code>
/// c is the error left at infinite compute, d the shift that keeps a zero-compute model's error finite (its
/// majority-class level); C in any unit (the paper: TPUv3 core-days), d in the same unit.
/// Parameterisation: θ = (ln a, b, ln c, ln d), ln E = LSE(ln a − b·ln(C + d), ln c); b ≥ 0.
/// Fitted by least squares on log residuals (the paper does not state its loss).
/// Default starts: b ∈ {0.1, 0.3, 0.6, 1}, c ∈ {0.1, 0.5, 0.9}·min E, d ∈ {10⁻³, 1, 10}·min C, a through the
/// point of median compute.
/// The paper prints its fitted constants only in figure legends; tests use illustrative values (V30 in docs/laws.md).
/// </summary>
public sealed class ZhaiLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static ZhaiLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("a", "scale of the power-law term"),
        LawParameter.Plain("b", "exponent") with { Lower = 0 },
        LawParameter.Scale("c", "error at infinite compute"),
        LawParameter.Scale("d", "compute shift (finite error at zero compute)"),
    ];

    private ZhaiLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "zhai";

    /// <inheritdoc />
    public override string Formula => "E = a*(C + d)^(-b) + c";

    /// <inheritdoc />
    public override string Reference => "Zhai et al. 2022, arXiv:2106.04560, Fig. 2";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Compute];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Error;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) =>
        "C: training compute, any unit (the paper: TPUv3 core-days); d is in the same unit (column C, compute, ... or --compute)";

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logA = theta[0], b = theta[1], c = Math.Exp(theta[2]), d = Math.Exp(theta[3]);
        var compute = data.Values(ScaleVariable.Compute);
        int n = data.Count;
        bool withJacobian = !jacobian.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double shifted = compute[i] + d, logShifted = Math.Log(shifted);
            double term = Math.Exp(logA - b * logShifted), y = term + c;
            logPrediction[i] = Math.Log(y);
            if (!withJacobian) continue;
            double w = term / y;
            jacobian[i] = w;
            jacobian[n + i] = -w * logShifted;
            jacobian[2 * n + i] = c / y;
            jacobian[3 * n + i] = -w * b * d / shifted;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var compute = data.Values(ScaleVariable.Compute);
        double minY = TensorPrimitives.Min(data.Y), minC = double.PositiveInfinity;
        foreach (var x in compute) if (x > 0 && x < minC) minC = x;
        if (!double.IsFinite(minC)) minC = 1;
        int median = LearningCurveStarts.MedianIndex(compute);
        double cMedian = compute[median], yMedian = data.Y[median];
        var starts = new List<double[]>();
        foreach (var b in new[] { 0.1, 0.3, 0.6, 1.0 })
        foreach (var floorShare in new[] { 0.1, 0.5, 0.9 })
        foreach (var shift in new[] { 1e-3, 1, 10 })
        {
            double c = floorShare * minY, d = shift * minC;
            double logA = Math.Log(Math.Max(yMedian - c, 1e-12 * yMedian)) + b * Math.Log(cMedian + d);
            starts.Add([logA, b, Math.Log(c), Math.Log(d)]);
        }
        return starts;
    }
}
