using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// The dense baseline of Clark et al. 2022 ("Unified Scaling Laws for Routed Language Models", arXiv:2202.01169,
/// §4): a pure power law in the parameter count,
/// <code>L(N) = (N_c/N)^alpha_N</code>
/// fitted to their dense models (all trained on the same 130B tokens). Published: alpha_N = 0.078, N_c = 3.568e13,
/// which gives L(10⁸) = 2.71075.
/// Evaluation, parameterisation (θ = (ln N_c, alpha_N)) and the data-driven starts are <see cref="PurePowerLaw"/>'s in N;
/// the published fit is one more start. Fitted by least squares on log residuals.
/// </summary>
public sealed class ClarkDenseLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static ClarkDenseLaw Instance { get; } = new();

    private static readonly PurePowerLaw Form = new(ScaleVariable.Parameters);

    /// <summary>The published fit: N_c = 3.568e13, alpha_N = 0.078.</summary>
    public static IReadOnlyDictionary<string, double> Published { get; } = new Dictionary<string, double> { ["N_c"] = 3.568e13, ["alpha_N"] = 0.078 };

    private ClarkDenseLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "clark-dense";

    /// <inheritdoc />
    public override string Formula => Form.Formula;

    /// <inheritdoc />
    public override string Reference => "Clark et al. 2022, arXiv:2202.01169, dense fit";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Form.Parameters;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables => Form.Variables;

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => FitObjective.SquaredLog;

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian) =>
        Form.EvaluateLog(theta, data, logPrediction, jacobian);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => [FromNamed(Published), .. Form.DefaultStarts(data)];
}
