using ScaleLab.Numerics;

namespace ScaleLab.Laws;

/// <summary>
/// <see cref="ChinchillaLaw"/>'s evaluation: the power terms t1 = A·N^−alpha = exp(a − alpha·ln N),
/// t2 = B·D^−beta and s = E + t1 + t2, then ln ŷ = ln s with its Jacobian, or the fused Huber or
/// squared objective on log residuals with its gradient in one pass. Vectors of the width
/// <see cref="VectorPaths.Current"/> names (<see cref="ChinchillaVectorKernel{TVector}"/>), then one
/// point at a time for the rest.
/// </summary>
internal static class ChinchillaKernel
{
    /// <summary>See <see cref="ChinchillaLaw.EvaluateLog"/>.</summary>
    public static void EvaluateLog(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD,
        Span<double> logPrediction, Span<double> jacobian)
    {
        int n = logN.Length;
        bool withJacobian = !jacobian.IsEmpty;
        // The power terms go to the Jacobian's rows 1 and 2 (else to scratch), their sum s to logPrediction.
        var scratch = withJacobian ? null : Scratch(n);
        Span<double> t1 = withJacobian ? jacobian.Slice(n, n) : scratch.AsSpan(0, n), t2 = withJacobian ? jacobian.Slice(2 * n, n) : scratch.AsSpan(n, n);
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => ChinchillaVectorKernel<DoubleVector512>.EvaluateLog(theta, logN, logD, t1, t2, logPrediction, jacobian, withJacobian),
            VectorPath.Portable256 => ChinchillaVectorKernel<DoubleVector256>.EvaluateLog(theta, logN, logD, t1, t2, logPrediction, jacobian, withJacobian),
            VectorPath.Portable128 => ChinchillaVectorKernel<DoubleVector128>.EvaluateLog(theta, logN, logD, t1, t2, logPrediction, jacobian, withJacobian),
            _ => -1,
        };
        double bigE = Math.Exp(theta[0]);
        if (i < 0)
        {
            PowerTermsTail(0, theta, bigE, logN, logD, t1, t2, logPrediction);
            i = 0;
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

    /// <summary>
    /// Σρ(ln s − ln y) with ρ the Huber loss of <paramref name="delta"/> (∞ for squared loss), and its
    /// gradient in θ; false where no vector path runs (the fitter then takes the general path).
    /// </summary>
    public static bool TryEvaluateObjective(ReadOnlySpan<double> theta, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD, ReadOnlySpan<double> logY,
        double delta, Span<double> gradient, out double value)
    {
        int n = logN.Length;
        var scratch = Scratch(n);
        Span<double> t1 = scratch.AsSpan(0, n), t2 = scratch.AsSpan(n, n), s = scratch.AsSpan(2 * n, n);
        Span<double> sums = stackalloc double[6];
        int i;
        switch (VectorPaths.Current)
        {
            case VectorPath.Avx512:
                i = ChinchillaVectorKernel<DoubleVector512>.Objective(theta, logN, logD, logY, delta, t1, t2, s, sums);
                break;
            case VectorPath.Portable256:
                i = ChinchillaVectorKernel<DoubleVector256>.Objective(theta, logN, logD, logY, delta, t1, t2, s, sums);
                break;
            case VectorPath.Portable128:
                i = ChinchillaVectorKernel<DoubleVector128>.Objective(theta, logN, logD, logY, delta, t1, t2, s, sums);
                break;
            default:
                value = double.NaN;
                return false;
        }
        double rho = sums[0], ge = sums[1], ga = sums[2], gb = sums[3], gal = sums[4], gbe = sums[5];
        for (; i < n; i++)
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
        gradient[0] = ge * Math.Exp(theta[0]);
        gradient[1] = ga;
        gradient[2] = gb;
        gradient[3] = gal;
        gradient[4] = gbe;
        value = rho;
        return true;
    }

    /// <summary>t1, t2 and s = E + t1 + t2 one point at a time from index <paramref name="from"/> on.</summary>
    internal static void PowerTermsTail(int from, ReadOnlySpan<double> theta, double bigE, ReadOnlySpan<double> logN, ReadOnlySpan<double> logD,
        Span<double> t1, Span<double> t2, Span<double> s)
    {
        double a = theta[1], b = theta[2], alpha = theta[3], beta = theta[4];
        for (int i = from; i < logN.Length; i++)
        {
            t1[i] = Math.Exp(a - alpha * logN[i]);
            t2[i] = Math.Exp(b - beta * logD[i]);
            s[i] = t1[i] + t2[i] + bigE;
        }
    }

    [ThreadStatic]
    private static double[]? _scratch;

    private static double[] Scratch(int n)
    {
        var buffer = _scratch;
        if (buffer is null || buffer.Length < 3 * n) _scratch = buffer = new double[3 * n];
        return buffer;
    }
}
