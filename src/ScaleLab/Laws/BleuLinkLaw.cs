using ScaleLab.Data;
using ScaleLab.Numerics;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// The link from translation loss to BLEU (Gordon, Duh &amp; Kaplan 2021, EMNLP 2021), fitted per language pair to
/// (dev cross-entropy, BLEU) pairs:
/// <code>BLEU = C·exp(k·L),  k &lt; 0</code>
/// The input is the loss L (a column L, or <c>--var L=COLUMN</c>); composed with <see cref="GordonNmtLaw"/> by
/// <see cref="TwoStepPrediction"/> it gives BLEU against data size. Ghorbani et al. 2021 find the link breaks on
/// source-original test sets, where BLEU stalls while the loss improves.
/// Parameterisation: θ = (ln C, k), ln BLEU = ln C + k·L, a straight line.
/// Fitted by least squares on log residuals, which is the ordinary regression of ln BLEU on L.
/// Default starts: that regression, and k ∈ {−0.25, −0.5, −1, −2} through the mean point.
/// </summary>
public sealed class BleuLinkLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static BleuLinkLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("C", "BLEU at zero loss"),
        LawParameter.Plain("k", "slope of ln BLEU in the loss (negative)") with { Upper = 0 },
    ];

    private BleuLinkLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "bleu-link";

    /// <inheritdoc />
    public override string Formula => "BLEU = C*exp(k*L)";

    /// <inheritdoc />
    public override string Reference => "Gordon, Duh & Kaplan 2021, EMNLP 2021, the BLEU-loss link";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [VariableNames.Loss];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Bleu;

    /// <inheritdoc />
    public override bool InputsAreScales => false;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double logC = theta[0], k = theta[1];
        var loss = data.Values(VariableNames.Loss);
        int n = data.Count;
        for (int i = 0; i < n; i++) logPrediction[i] = logC + k * loss[i];
        if (jacobian.IsEmpty) return;
        jacobian[..n].Fill(1);
        loss.CopyTo(jacobian.Slice(n, n));
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var loss = data.Values(VariableNames.Loss);
        var (slope, intercept, _, _, _) = LinearFit.Of(loss, data.LogY);
        var starts = new List<double[]>();
        if (double.IsFinite(slope)) starts.Add([intercept, Math.Min(slope, 0)]);
        double meanL = 0, meanLogY = 0;
        for (int i = 0; i < data.Count; i++) { meanL += loss[i]; meanLogY += data.LogY[i]; }
        meanL /= data.Count;
        meanLogY /= data.Count;
        foreach (var k in new[] { -0.25, -0.5, -1.0, -2.0 }) starts.Add([meanLogY - k * meanL, k]);
        return starts;
    }
}
