using System.Numerics;
using ScaleLab.Numerics;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// The exponential and the clean log and reciprocal of predictions on the fused kernels' vector path
/// (<see cref="VectorPaths.Current"/>, with the project's exp and log, <see cref="SimdMath{TVector}"/>),
/// scalar where there is none; positivity and finiteness tests with <see cref="Vector{T}"/>.
/// </summary>
internal static class VectorMath
{
    public static void Exp(ReadOnlySpan<double> x, Span<double> d)
    {
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => Exp<DoubleVector512>(x, d),
            VectorPath.Portable256 => Exp<DoubleVector256>(x, d),
            VectorPath.Portable128 => Exp<DoubleVector128>(x, d),
            _ => 0,
        };
        for (; i < x.Length; i++) d[i] = Math.Exp(x[i]);
    }

    /// <summary>ln x where x &gt; 0, NaN elsewhere (so a non-positive prediction gives NaN, not −∞ or a log of a negative).</summary>
    public static void CleanLog(ReadOnlySpan<double> x, Span<double> d)
    {
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => CleanLog<DoubleVector512>(x, d),
            VectorPath.Portable256 => CleanLog<DoubleVector256>(x, d),
            VectorPath.Portable128 => CleanLog<DoubleVector128>(x, d),
            _ => 0,
        };
        for (; i < x.Length; i++) d[i] = IrScalar.CleanLog(x[i]);
    }

    /// <summary>1/x where x &gt; 0, NaN elsewhere.</summary>
    public static void CleanRecip(ReadOnlySpan<double> x, Span<double> d)
    {
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => CleanRecip<DoubleVector512>(x, d),
            VectorPath.Portable256 => CleanRecip<DoubleVector256>(x, d),
            VectorPath.Portable128 => CleanRecip<DoubleVector128>(x, d),
            _ => 0,
        };
        for (; i < x.Length; i++) d[i] = IrScalar.CleanRecip(x[i]);
    }

    /// <summary>True when every value is &gt; 0 (false for NaN).</summary>
    public static bool AllPositive(ReadOnlySpan<double> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var ok = Vector<long>.AllBitsSet;
            for (; i <= x.Length - w; i += w) ok &= Vector.GreaterThan(new Vector<double>(x.Slice(i, w)), Vector<double>.Zero);
            if (ok != Vector<long>.AllBitsSet) return false;
        }
        for (; i < x.Length; i++) if (!(x[i] > 0)) return false;
        return true;
    }

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

    private static int Exp<TV>(ReadOnlySpan<double> x, Span<double> d) where TV : struct, IDoubleVector<TV>
    {
        int i = 0, w = TV.Count;
        for (; i <= x.Length - w; i += w) SimdMath<TV>.Exp(TV.Load(x, i)).Store(d, i);
        return i;
    }

    private static int CleanLog<TV>(ReadOnlySpan<double> x, Span<double> d) where TV : struct, IDoubleVector<TV>
    {
        int i = 0, w = TV.Count;
        var zero = TV.Create(0);
        var nan = TV.Create(double.NaN);
        for (; i <= x.Length - w; i += w)
        {
            var v = TV.Load(x, i);
            TV.ConditionalSelect(TV.GreaterThanOrEqual(zero, v), nan, SimdMath<TV>.Log(v)).Store(d, i);
        }
        return i;
    }

    private static int CleanRecip<TV>(ReadOnlySpan<double> x, Span<double> d) where TV : struct, IDoubleVector<TV>
    {
        int i = 0, w = TV.Count;
        var zero = TV.Create(0);
        var one = TV.Create(1);
        var nan = TV.Create(double.NaN);
        for (; i <= x.Length - w; i += w)
        {
            var v = TV.Load(x, i);
            // NaN input stays NaN: 1/NaN is NaN and 0 >= NaN is false.
            TV.ConditionalSelect(TV.GreaterThanOrEqual(zero, v), nan, one / v).Store(d, i);
        }
        return i;
    }
}
