using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Data and parameter scaling of neural machine translation (Gordon, Duh &amp; Kaplan 2021, "Data and Parameter
/// Scaling Laws for Neural Machine Translation", EMNLP 2021): Kaplan et al.'s joint law fitted per language pair,
/// <code>L(N, D) = [ (N_c/N)^(alpha_N/alpha_D) + D_c/D ]^alpha_D</code>
/// with D the training data in bytes (the authors keep runs with more than 5 MiB) and N the non-embedding
/// parameters of encoder plus decoder, <see cref="NonEmbeddingParameters"/>; L is the dev cross-entropy in nats per token.
/// Parameterisation, Jacobian and default starts are <see cref="KaplanLaw"/>'s (one evaluation of the form);
/// D_c is in bytes. Fitted by least squares on the loss itself, as the authors' code fits by nonlinear least squares.
/// Composed with <see cref="BleuLinkLaw"/> by <see cref="TwoStepPrediction"/> it predicts BLEU against data size.
/// </summary>
public sealed class GordonNmtLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static GordonNmtLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        KaplanLaw.Instance.Parameters[0] with { Description = "model-size exponent" },
        KaplanLaw.Instance.Parameters[1] with { Description = "data exponent" },
        KaplanLaw.Instance.Parameters[2] with { Description = "model-size scale (non-embedding parameters)" },
        KaplanLaw.Instance.Parameters[3] with { Description = "data scale (bytes)" },
    ];

    private static readonly FitObjective LeastSquares = new() { Loss = LossKind.Squared, Space = ResidualSpace.Linear };

    private GordonNmtLaw()
    {
    }

    /// <summary>
    /// Non-embedding parameters of an encoder–decoder transformer with <paramref name="layers"/> layers on each side,
    /// as the authors count them: 2·layers·(4·d_model² + 2·d_model·d_ff).
    /// </summary>
    public static double NonEmbeddingParameters(int layers, int dModel, int dFeedForward)
    {
        if (layers < 1 || dModel < 1 || dFeedForward < 1) throw new ArgumentException("layers, d_model and d_ff must be positive");
        double d = dModel;
        return 2.0 * layers * (4 * d * d + 2 * d * dFeedForward);
    }

    /// <inheritdoc />
    public override string Name => "gordon-nmt";

    /// <inheritdoc />
    public override string Formula => "L = ((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D, D in bytes";

    /// <inheritdoc />
    public override string Reference => "Gordon, Duh & Kaplan 2021, EMNLP 2021, Data and Parameter Scaling Laws for NMT";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables => KaplanLaw.Instance.Variables;

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => LeastSquares;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => variable == ScaleVariable.Tokens
        ? "D: training data in bytes (column D, tokens, ... or --tokens)"
        : "N: non-embedding parameters of encoder plus decoder, 2*layers*(4*d_model^2 + 2*d_model*d_ff) (column N, params, ... or --params)";

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian) =>
        KaplanLaw.Instance.EvaluateLog(theta, data, logPrediction, jacobian);

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => KaplanLaw.Instance.DefaultStarts(data);
}
