using ScaleLab.Data;
using ScaleLab.Fitting;

namespace ScaleLab.Laws;

/// <summary>
/// Chinchilla parametric law (Hoffmann et al. 2022, "Training Compute-Optimal Large Language
/// Models", arXiv:2203.15556, eq. 2 and App. D.2):
/// <code>L(N, D) = E + A / N^alpha + B / D^beta</code>
/// Parameterisation: θ = (e, a, b, alpha, beta) with E = exp(e), A = exp(a), B = exp(b), so that
/// ln L = LSE(a − alpha·ln N, b − beta·ln D, e) (log-sum-exp).
/// Fitted by default with the Huber loss (δ = 1e-3) on log residuals, summed over runs.
/// Default starts: Hoffmann's 4500-point grid alpha, beta ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
/// a, b ∈ {0, 5, …, 25}.
/// Published fit (eq. 10): E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28.
/// </summary>
public sealed class ChinchillaLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static ChinchillaLaw Instance { get; } = new();

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("E", "irreducible loss"),
        LawParameter.Scale("A", "parameter-term scale"),
        LawParameter.Scale("B", "data-term scale"),
        LawParameter.Plain("alpha", "parameter exponent"),
        LawParameter.Plain("beta", "data exponent"),
    ];

    private static readonly IReadOnlyList<double[]> Grid = BuildGrid();

    /// <inheritdoc />
    public override string Name => "chinchilla";

    /// <inheritdoc />
    public override string Formula => "L = E + A/N^alpha + B/D^beta";

    /// <inheritdoc />
    public override string Reference => "Hoffmann et al. 2022, arXiv:2203.15556, eq. 2";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens];

    /// <inheritdoc />
    public override Metrics.MetricSpace Space => Metrics.MetricSpace.Loss;

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => Grid;

    /// <inheritdoc />
    /// <remarks>
    /// ln ŷ = ln s with s = E + A·N^−alpha + B·D^−beta; the Jacobian rows are the softmax weights
    /// (E, A·N^−alpha, B·D^−beta)/s for (e, a, b) and −ln N, −ln D times the second and third for
    /// alpha and beta. Vectorised by <see cref="ChinchillaKernel"/> (AVX-512, AVX2 or ARM64 vectors).
    /// </remarks>
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian) =>
        ChinchillaKernel.EvaluateLog(theta, data.Logs(ScaleVariable.Parameters), data.Logs(ScaleVariable.Tokens), logPrediction, jacobian);

    /// <inheritdoc />
    /// <remarks>
    /// Fused kernel for Huber and squared loss on log residuals (<see cref="ChinchillaKernel"/>): the two
    /// power terms and their sum in one pass, then the logarithm, the loss and the gradient sums in a
    /// second, in AVX-512, AVX2 or ARM64 vectors with exp and log within one unit in the last place.
    /// This is the inner loop of the 4500-start grid and of every bootstrap refit.
    /// </remarks>
    public override bool TryEvaluateObjective(ReadOnlySpan<double> theta, ScalingData data, FitObjective objective, Span<double> gradient, out double value)
    {
        value = double.NaN;
        if (objective.Space != ResidualSpace.Log || objective.Loss == LossKind.AsymmetricAbsolute) return false;
        double delta = objective.Loss == LossKind.Huber ? objective.Delta : double.PositiveInfinity;
        return ChinchillaKernel.TryEvaluateObjective(theta, data.Logs(ScaleVariable.Parameters), data.Logs(ScaleVariable.Tokens), data.LogY,
            delta, gradient, out value);
    }

    private static IReadOnlyList<double[]> BuildGrid()
    {
        var starts = new List<double[]>(4500);
        // Same order as the reference SciPy script: a, b outermost, then e, alpha, beta.
        for (int ia = 0; ia < 6; ia++)
        for (int ib = 0; ib < 6; ib++)
        for (int ie = 0; ie < 5; ie++)
        for (int ial = 0; ial < 5; ial++)
        for (int ibe = 0; ibe < 5; ibe++)
        {
            starts.Add([-1 + 0.5 * ie, 5.0 * ia, 5.0 * ib, 0.5 * ial, 0.5 * ibe]);
        }
        return starts;
    }
}
