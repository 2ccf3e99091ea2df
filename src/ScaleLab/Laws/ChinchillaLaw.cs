using System.Runtime.Intrinsics;
using ScaleLab.Numerics;
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
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data) => Grid;

    /// <inheritdoc />
    /// <remarks>
    /// ln ŷ = ln s with s = E + A·N^−alpha + B·D^−beta; the Jacobian rows are the softmax weights
    /// (E, A·N^−alpha, B·D^−beta)/s for (e, a, b) and −ln N, −ln D times the second and third for
    /// alpha and beta. Eight points per AVX-512 vector where available, else one at a time.
    /// </remarks>
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian)
    {
        int n = data.Count;
        ReadOnlySpan<double> logN = data.Logs(ScaleVariable.Parameters), logD = data.Logs(ScaleVariable.Tokens);
        bool withJacobian = !jacobian.IsEmpty;
        // The power terms go to the Jacobian's rows 1 and 2 (else to scratch), their sum s to logPrediction.
        var scratch = withJacobian ? null : Scratch(n);
        Span<double> t1 = withJacobian ? jacobian.Slice(n, n) : scratch.AsSpan(0, n), t2 = withJacobian ? jacobian.Slice(2 * n, n) : scratch.AsSpan(n, n);
        double bigE = PowerTerms(theta, logN, logD, t1, t2, logPrediction);
        const int W = 8;
        int i = 0;
        if (Vector512Math.IsSupported)
        {
            var vE = Vector512.Create(bigE);
            for (; i <= n - W; i += W)
            {
                var sum = Vector512.Create(logPrediction.Slice(i, W));
                Vector512Math.Log(sum).CopyTo(logPrediction.Slice(i, W));
                if (!withJacobian) continue;
                var inverse = Vector512<double>.One / sum;
                var w1 = Vector512.Create(t1.Slice(i, W)) * inverse;
                var w2 = Vector512.Create(t2.Slice(i, W)) * inverse;
                (vE * inverse).CopyTo(jacobian.Slice(i, W));
                w1.CopyTo(t1.Slice(i, W));
                w2.CopyTo(t2.Slice(i, W));
                (-(w1 * Vector512.Create(logN.Slice(i, W)))).CopyTo(jacobian.Slice(3 * n + i, W));
                (-(w2 * Vector512.Create(logD.Slice(i, W)))).CopyTo(jacobian.Slice(4 * n + i, W));
            }
        }
        for (; i < n; i++)
        {
            double sum = logPrediction[i];
            logPrediction[i] = Math.Log(sum);
            if (!withJacobian) continue;
            double w1 = t1[i] / sum, w2 = t2[i] / sum;
            jacobian[i] = bigE / sum;
            t1[i] = w1;
            t2[i] = w2;
            jacobian[3 * n + i] = -w1 * logN[i];
            jacobian[4 * n + i] = -w2 * logD[i];
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Fused kernel for Huber and squared loss on log residuals, eight points per AVX-512 vector: the
    /// two power terms and their sum in one pass (<see cref="PowerTerms"/>), then the logarithm, the
    /// loss and the gradient sums in a second (two passes let the long exp and log dependency chains
    /// of neighbouring vectors overlap). Exp and log are <see cref="Vector512Math"/>'s, within one unit
    /// in the last place. This is the inner loop of the 4500-start grid and of every bootstrap refit.
    /// </remarks>
    public override bool TryEvaluateObjective(ReadOnlySpan<double> theta, ScalingData data, FitObjective objective, Span<double> gradient, out double value)
    {
        value = double.NaN;
        if (!Vector512Math.IsSupported || objective.Space != ResidualSpace.Log || objective.Loss == LossKind.AsymmetricAbsolute) return false;
        double delta = objective.Loss == LossKind.Huber ? objective.Delta : double.PositiveInfinity;
        ReadOnlySpan<double> logN = data.Logs(ScaleVariable.Parameters), logD = data.Logs(ScaleVariable.Tokens), logY = data.LogY;
        int n = data.Count;
        var scratch = Scratch(n);
        Span<double> t1 = scratch.AsSpan(0, n), t2 = scratch.AsSpan(n, n), s = scratch.AsSpan(2 * n, n);
        double bigE = PowerTerms(theta, logN, logD, t1, t2, s);
        const int W = 8;
        int vectorEnd = n - n % W;
        var vDelta = Vector512.Create(delta);
        var vNegDelta = Vector512.Create(-delta);
        Vector512<double> sumRho = default, gE = default, gA = default, gB = default, gAlpha = default, gBeta = default;
        for (int i = 0; i < vectorEnd; i += W)
        {
            var sum = Vector512.Create(s.Slice(i, W));
            var r = Vector512Math.Log(sum) - Vector512.Create(logY.Slice(i, W));
            var psi = Vector512Math.Clamp(r, vNegDelta, vDelta);
            // Σρ = Σψr − ½Σψ² on both Huber branches (and ½Σr² for squared loss, where ψ = r).
            sumRho += psi * (r - 0.5 * psi);
            // ∂ρ/∂θ = ψ · ∂ln s/∂θ with ∂ln s/∂(a, b, e) = (t1, t2, E)/s and ∂ln s/∂alpha = −t1·ln N/s.
            var w = psi / sum;
            var w1 = w * Vector512.Create(t1.Slice(i, W));
            var w2 = w * Vector512.Create(t2.Slice(i, W));
            gE += w;
            gA += w1;
            gB += w2;
            gAlpha -= w1 * Vector512.Create(logN.Slice(i, W));
            gBeta -= w2 * Vector512.Create(logD.Slice(i, W));
        }
        double rho = Vector512.Sum(sumRho), ge = Vector512.Sum(gE), ga = Vector512.Sum(gA), gb = Vector512.Sum(gB);
        double gal = Vector512.Sum(gAlpha), gbe = Vector512.Sum(gBeta);
        for (int i = vectorEnd; i < n; i++)
        {
            double r = Math.Log(s[i]) - logY[i];
            double psi = Math.Clamp(r, -delta, delta);
            rho += psi * (r - 0.5 * psi);
            double w = psi / s[i];
            ge += w;
            ga += w * t1[i];
            gb += w * t2[i];
            gal -= w * t1[i] * logN[i];
            gbe -= w * t2[i] * logD[i];
        }
        gradient[0] = ge * bigE;
        gradient[1] = ga;
        gradient[2] = gb;
        gradient[3] = gal;
        gradient[4] = gbe;
        value = rho;
        return true;
    }

    /// <summary>
    /// The power terms t1 = A·N^−alpha = exp(a − alpha·ln N), t2 = B·D^−beta and their sum with E,
    /// s = E + t1 + t2, at every point; returns E. Eight points per AVX-512 vector where available.
    /// </summary>
    private static double PowerTerms(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD,
        Span<double> t1, Span<double> t2, Span<double> s)
    {
        double a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4], bigE = Math.Exp(theta[0]);
        const int W = 8;
        int n = logN.Length, i = 0;
        if (Vector512Math.IsSupported)
        {
            var vA = Vector512.Create(a);
            var vB = Vector512.Create(b);
            var vNegAlpha = Vector512.Create(-alpha);
            var vNegBeta = Vector512.Create(-beta);
            var vE = Vector512.Create(bigE);
            for (; i <= n - W; i += W)
            {
                var p1 = Vector512Math.Exp(Vector512.FusedMultiplyAdd(Vector512.Create(logN.Slice(i, W)), vNegAlpha, vA));
                var p2 = Vector512Math.Exp(Vector512.FusedMultiplyAdd(Vector512.Create(logD.Slice(i, W)), vNegBeta, vB));
                p1.CopyTo(t1.Slice(i, W));
                p2.CopyTo(t2.Slice(i, W));
                (p1 + p2 + vE).CopyTo(s.Slice(i, W));
            }
        }
        for (; i < n; i++)
        {
            t1[i] = Math.Exp(a - alpha * logN[i]);
            t2[i] = Math.Exp(b - beta * logD[i]);
            s[i] = t1[i] + t2[i] + bigE;
        }
        return bigE;
    }

    [ThreadStatic]
    private static double[]? _scratch;

    private static double[] Scratch(int n)
    {
        var buffer = _scratch;
        if (buffer is null || buffer.Length < 3 * n) _scratch = buffer = new double[3 * n];
        return buffer;
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
