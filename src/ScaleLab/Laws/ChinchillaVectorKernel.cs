using System.Runtime.CompilerServices;
using ScaleLab.Numerics;

namespace ScaleLab.Laws;

/// <summary>
/// The vector loops of <see cref="ChinchillaKernel"/> at one SIMD width (one source for AVX-512,
/// 256 and 128 bits): each handles the whole vectors and returns the index where the scalar tail
/// starts. Exp and log are <see cref="SimdMath{TVector}"/>'s, within one unit in the last place.
/// </summary>
internal static class ChinchillaVectorKernel<TVector> where TVector : struct, IDoubleVector<TVector>
{
    /// <summary>
    /// ln ŷ and, when <paramref name="withJacobian"/>, the Jacobian rows; t1 and t2 are the Jacobian's
    /// rows 1 and 2 (or scratch), <paramref name="logPrediction"/> holds s = E + t1 + t2 until its log replaces it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int EvaluateLog(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD,
        Span<double> t1, Span<double> t2, Span<double> logPrediction, Span<double> jacobian, bool withJacobian)
    {
        double bigE = PowerTerms(theta, logN, logD, t1, t2, logPrediction);
        int n = logN.Length, w = TVector.Count, i = 0;
        var vE = TVector.Create(bigE);
        var one = TVector.Create(1.0);
        for (; i <= n - w; i += w)
        {
            var sum = TVector.Load(logPrediction, i);
            SimdMath<TVector>.Log(sum).Store(logPrediction, i);
            if (!withJacobian) continue;
            var inverse = one / sum;
            var w1 = TVector.Load(t1, i) * inverse;
            var w2 = TVector.Load(t2, i) * inverse;
            (vE * inverse).Store(jacobian, i);
            w1.Store(t1, i);
            w2.Store(t2, i);
            (-(w1 * TVector.Load(logN, i))).Store(jacobian, 3 * n + i);
            (-(w2 * TVector.Load(logD, i))).Store(jacobian, 4 * n + i);
        }
        return i;
    }

    /// <summary>
    /// Σρ and the gradient sums (Σψ/s, Σψ·t1/s, Σψ·t2/s, −Σψ·t1·ln N/s, −Σψ·t2·ln D/s) over the whole
    /// vectors into <paramref name="sums"/>; t1, t2 and s are scratch of the data's length.
    /// </summary>
    /// <remarks>
    /// Two passes (power terms, then logarithm, loss and gradient) let the long exp and log dependency
    /// chains of neighbouring vectors overlap.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Objective(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD, ReadOnlySpan<double> logY,
        double delta, Span<double> t1, Span<double> t2, Span<double> s, Span<double> sums)
    {
        PowerTerms(theta, logN, logD, t1, t2, s);
        int n = logN.Length, w = TVector.Count, i = 0;
        var vDelta = TVector.Create(delta);
        var vNegDelta = TVector.Create(-delta);
        var half = TVector.Create(0.5);
        TVector sumRho = default, gE = default, gA = default, gB = default, gAlpha = default, gBeta = default;
        for (; i <= n - w; i += w)
        {
            var sum = TVector.Load(s, i);
            var r = SimdMath<TVector>.Log(sum) - TVector.Load(logY, i);
            var psi = TVector.Clamp(r, vNegDelta, vDelta);
            // Σρ = Σψr − ½Σψ² on both Huber branches (and ½Σr² for squared loss, where ψ = r).
            sumRho += psi * (r - half * psi);
            // ∂ρ/∂θ = ψ · ∂ln s/∂θ with ∂ln s/∂(a, b, e) = (t1, t2, E)/s and ∂ln s/∂alpha = −t1·ln N/s.
            var weight = psi / sum;
            var w1 = weight * TVector.Load(t1, i);
            var w2 = weight * TVector.Load(t2, i);
            gE += weight;
            gA += w1;
            gB += w2;
            gAlpha -= w1 * TVector.Load(logN, i);
            gBeta -= w2 * TVector.Load(logD, i);
        }
        sums[0] = TVector.Sum(sumRho);
        sums[1] = TVector.Sum(gE);
        sums[2] = TVector.Sum(gA);
        sums[3] = TVector.Sum(gB);
        sums[4] = TVector.Sum(gAlpha);
        sums[5] = TVector.Sum(gBeta);
        return i;
    }

    // t1 = exp(a − alpha·ln N), t2 = exp(b − beta·ln D), s = E + t1 + t2 everywhere (vectors, then the scalar tail); returns E.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double PowerTerms(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD,
        Span<double> t1, Span<double> t2, Span<double> s)
    {
        double bigE = Math.Exp(theta[0]);
        var vA = TVector.Create(theta[1]);
        var vB = TVector.Create(theta[2]);
        var vNegAlpha = TVector.Create(-theta[3]);
        var vNegBeta = TVector.Create(-theta[4]);
        var vE = TVector.Create(bigE);
        int n = logN.Length, w = TVector.Count, i = 0;
        for (; i <= n - w; i += w)
        {
            var p1 = SimdMath<TVector>.Exp(TVector.FusedMultiplyAdd(TVector.Load(logN, i), vNegAlpha, vA));
            var p2 = SimdMath<TVector>.Exp(TVector.FusedMultiplyAdd(TVector.Load(logD, i), vNegBeta, vB));
            p1.Store(t1, i);
            p2.Store(t2, i);
            (p1 + p2 + vE).Store(s, i);
        }
        ChinchillaKernel.PowerTermsTail(i, theta, bigE, logN, logD, t1, t2, s);
        return bigE;
    }
}
