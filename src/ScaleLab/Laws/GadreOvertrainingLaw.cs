using System.Numerics.Tensors;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Metrics;

namespace ScaleLab.Laws;

/// <summary>
/// Loss in the over-trained regime (Gadre et al. 2024, "Language models scale reliably with over-training and on
/// downstream tasks", arXiv:2403.08540, §2; the form of the authors' code, scaling/laws.py), in the parameters N and
/// the token multiplier M = D/N, with one exponent b &lt; 0 for both terms:
/// <code>L(N, M) = alpha·N^b + beta·6^(b/2)·(M·N)^b + E</code>
/// The law reads N and D and forms M = D/N inside (so M·N is D). With C = 6ND = 6MN² it is
/// L = E + (alpha·6^(−b/2)·M^(−b/2) + beta·M^(b/2))·C^(b/2): at fixed M the reducible loss is a power law in compute
/// with exponent alpha_C = −b/2, the same for every M, which is why small runs extrapolate in both N and M.
/// N counts all parameters (with embeddings), as the authors do.
/// Parameterisation: θ = (ln alpha, ln beta, b, ln E); ln L = LSE(ln alpha + b·ln N, ln beta + b·(ln 6/2 + ln D), ln E),
/// evaluated as Chinchilla's form with tied exponents (the paper's own reading of its law).
/// Fitted by least squares on the loss itself, as the authors' curve_fit does.
/// Default starts: the authors' grid, alpha, beta ∈ {1e2, 3e2, 1e3, 3e3}, b ∈ {−0.1, −0.3}, E ∈ {0.1, 1, 2, 10}
/// (their E = 0 start is 0.1 here: E is positive).
/// </summary>
public sealed class GadreOvertrainingLaw : ScalingLaw
{
    /// <summary>The shared instance.</summary>
    public static GadreOvertrainingLaw Instance { get; } = new();

    private static readonly double HalfLog6 = 0.5 * Math.Log(6);

    private static readonly LawParameter[] Params =
    [
        LawParameter.Scale("alpha", "scale of the parameter term"),
        LawParameter.Scale("beta", "scale of the data term"),
        LawParameter.Plain("b", "shared exponent (negative)") with { Upper = 0 },
        LawParameter.Scale("E", "irreducible loss"),
    ];

    private static readonly FitObjective LeastSquares = new() { Loss = LossKind.Squared, Space = ResidualSpace.Linear };

    private GadreOvertrainingLaw()
    {
    }

    /// <inheritdoc />
    public override string Name => "gadre-overtraining";

    /// <inheritdoc />
    public override string Formula => "L = alpha*N^b + beta*6^(b/2)*(M*N)^b + E, M = D/N";

    /// <inheritdoc />
    public override string Reference => "Gadre et al. 2024, arXiv:2403.08540";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => Params;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables { get; } = [ScaleVariable.Parameters, ScaleVariable.Tokens];

    /// <inheritdoc />
    public override MetricSpace Space => MetricSpace.Loss;

    /// <inheritdoc />
    public override FitObjective DefaultObjective => LeastSquares;

    /// <inheritdoc />
    public override string DescribeVariable(ScaleVariable variable) => variable == ScaleVariable.Tokens
        ? "D: training tokens; the token multiplier M = D/N is formed inside the law (column D, tokens, ... or --tokens)"
        : "N: parameters, embeddings included (column N, params, ... or --params)";

    /// <inheritdoc />
    /// <remarks>
    /// The law is Chinchilla's form with one exponent, E + A/N^alpha + B/D^beta with A = alpha_G, B = beta_G·6^(b/2) and
    /// alpha = beta = −b, so it is evaluated by <see cref="ChinchillaKernel"/> at those parameters and the Jacobian mapped
    /// back: ∂/∂ln alpha_G = ∂/∂ln A, ∂/∂ln beta_G = ∂/∂ln B, ∂/∂b = (ln 6/2)·∂/∂ln B − ∂/∂alpha − ∂/∂beta, ∂/∂ln E = ∂/∂ln E.
    /// </remarks>
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        double b = theta[2];
        Span<double> chinchilla = [theta[3], theta[0], theta[1] + b * HalfLog6, -b, -b];
        var logN = data.Logs(ScaleVariable.Parameters);
        var logD = data.Logs(ScaleVariable.Tokens);
        if (jacobian.IsEmpty)
        {
            ChinchillaKernel.EvaluateLog(chinchilla, logN, logD, logPrediction, Span<double>.Empty);
            return;
        }
        int n = data.Count;
        using var scratch = LawScratch.Rent(5, n);
        var rows = scratch.Rows(5);
        ChinchillaKernel.EvaluateLog(chinchilla, logN, logD, logPrediction, rows);
        ReadOnlySpan<double> dE = rows[..n], dA = rows.Slice(n, n), dB = rows.Slice(2 * n, n), dAlpha = rows.Slice(3 * n, n), dBeta = rows.Slice(4 * n, n);
        dA.CopyTo(jacobian[..n]);
        dB.CopyTo(jacobian.Slice(n, n));
        var dExponent = jacobian.Slice(2 * n, n);
        TensorPrimitives.Multiply(dB, HalfLog6, dExponent);
        TensorPrimitives.Subtract(dExponent, dAlpha, dExponent);
        TensorPrimitives.Subtract(dExponent, dBeta, dExponent);
        dE.CopyTo(jacobian.Slice(3 * n, n));
    }

    /// <inheritdoc />
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var starts = new List<double[]>(128);
        foreach (var alpha in new[] { 1e2, 3e2, 1e3, 3e3 })
        foreach (var beta in new[] { 1e2, 3e2, 1e3, 3e3 })
        foreach (var b in new[] { -0.1, -0.3 })
        foreach (var e in new[] { 0.1, 1.0, 2.0, 10.0 })
        {
            starts.Add([Math.Log(alpha), Math.Log(beta), b, Math.Log(e)]);
        }
        return starts;
    }
}
