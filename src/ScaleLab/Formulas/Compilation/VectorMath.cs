using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using ScaleLab.Numerics;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// The few kernels where a generic library call costs more than the work: e^x and the clean log
/// and reciprocal of predictions use the project's AVX-512 exp/log (within 1 ulp) where the processor
/// has it, else TensorPrimitives; positivity tests and NaN masks use <see cref="Vector{T}"/>. The
/// portable path is tested on every machine by switching <see cref="UseAvx512"/> off.
/// </summary>
internal static class VectorMath
{
    // A plain static, read on every kernel call (a thread-static costs more than some kernels). Both paths
    // compute the same to rounding, so a test switching it does not disturb tests running beside it.
    private static bool _useAvx512 = Vector512Math.IsSupported;

    /// <summary>True where the AVX-512 path runs (false on other processors, or while a test asks for the portable twin).</summary>
    public static bool UseAvx512
    {
        get => _useAvx512;
        set => _useAvx512 = value && Vector512Math.IsSupported;
    }

    public static void Exp(ReadOnlySpan<double> x, Span<double> d)
    {
        if (!UseAvx512)
        {
            TensorPrimitives.Exp(x, d);
            return;
        }
        const int W = 8;
        int i = 0;
        for (; i <= x.Length - W; i += W) Vector512Math.Exp(Vector512.Create(x.Slice(i, W))).CopyTo(d.Slice(i, W));
        for (; i < x.Length; i++) d[i] = Math.Exp(x[i]);
    }

    /// <summary>ln x where x &gt; 0, NaN elsewhere (so a non-positive prediction gives NaN, not −∞ or a log of a negative).</summary>
    public static void CleanLog(ReadOnlySpan<double> x, Span<double> d)
    {
        if (UseAvx512)
        {
            const int W = 8;
            int i = 0;
            for (; i <= x.Length - W; i += W) Vector512Math.Log(Vector512.Create(x.Slice(i, W))).CopyTo(d.Slice(i, W));
            for (; i < x.Length; i++) d[i] = Math.Log(x[i]);
        }
        else
        {
            TensorPrimitives.Log(x, d);
        }
        // The AVX-512 log is defined for finite positive x; redo the rest (rare) by the scalar rule.
        if (!AllPositiveFinite(x)) for (int i = 0; i < x.Length; i++) if (!(x[i] > 0 && x[i] < double.PositiveInfinity)) d[i] = x[i] > 0 ? Math.Log(x[i]) : double.NaN;
    }

    /// <summary>1/x where x &gt; 0, NaN elsewhere.</summary>
    public static void CleanRecip(ReadOnlySpan<double> x, Span<double> d)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var nan = new Vector<double>(double.NaN);
            for (; i <= x.Length - w; i += w)
            {
                var v = new Vector<double>(x.Slice(i, w));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<double>.Zero), Vector<double>.One / v, nan).CopyTo(d.Slice(i, w));
            }
        }
        for (; i < x.Length; i++) d[i] = x[i] > 0 ? 1 / x[i] : double.NaN;
    }

    /// <summary>True when every value is &gt; 0 (false for NaN).</summary>
    public static bool AllPositive(ReadOnlySpan<double> x) => AllAbove(x, double.PositiveInfinity, inclusiveInfinity: true);

    /// <summary>True when no value is NaN or infinite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var ok = Vector<long>.AllBitsSet;
            var top = new Vector<double>(double.MaxValue);
            for (; i <= x.Length - w; i += w) ok &= Vector.LessThanOrEqual(Vector.Abs(new Vector<double>(x.Slice(i, w))), top);
            if (ok != Vector<long>.AllBitsSet) return false;
        }
        for (; i < x.Length; i++) if (!double.IsFinite(x[i])) return false;
        return true;
    }

    private static bool AllPositiveFinite(ReadOnlySpan<double> x) => AllAbove(x, double.PositiveInfinity, inclusiveInfinity: false);

    private static bool AllAbove(ReadOnlySpan<double> x, double upper, bool inclusiveInfinity)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var ok = Vector<long>.AllBitsSet;
            var top = new Vector<double>(upper);
            for (; i <= x.Length - w; i += w)
            {
                var v = new Vector<double>(x.Slice(i, w));
                var inRange = Vector.GreaterThan(v, Vector<double>.Zero);
                if (!inclusiveInfinity) inRange &= Vector.LessThan(v, top);
                ok &= inRange;
            }
            if (ok != Vector<long>.AllBitsSet) return false;
        }
        for (; i < x.Length; i++) if (!(x[i] > 0 && (inclusiveInfinity || x[i] < upper))) return false;
        return true;
    }
}
