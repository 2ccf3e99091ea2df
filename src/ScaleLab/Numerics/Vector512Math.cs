using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScaleLab.Numerics;

/// <summary>
/// Exponential and natural logarithm of eight doubles at once with AVX-512, accurate to about one
/// unit in the last place, for the fused objective kernels (a fit evaluates them about 10⁸ times).
/// Only call when <see cref="IsSupported"/> is true.
/// </summary>
/// <remarks>
/// <para>Exp: Cody–Waite reduction x = k·ln 2 + r with |r| ≤ ln 2 / 2 (two fused multiply-adds), the
/// Taylor polynomial of e^r to degree 13 (truncation below 2⁻⁵⁵ relative) and the scaling by 2^k with
/// <c>vscalefpd</c>, which also gives +∞ and 0 on overflow and underflow.</para>
/// <para>Log: s = 2^k·m with m in [√2/2, √2) from <c>vgetexppd</c>/<c>vgetmantpd</c>, then the fdlibm
/// kernel for log(1 + f), f = m − 1 (Sun Microsystems e_log.c: the minimax coefficients Lg1–Lg7 in
/// z = (f/(2 + f))², error below 2⁻⁵⁸·⁴⁵).</para>
/// </remarks>
internal static class Vector512Math
{
    /// <summary>True where the AVX-512 foundation instructions these functions use are available.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471805599453;        // nearest double to ln 2
    private const double Ln2Lo = 2.3190468138462996e-17;    // ln 2 − Ln2Hi

    /// <summary>e^x for each lane (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        // Clamp so that k stays finite: e^±1000 already over- or underflows.
        x = Clamp(x, Vector512.Create(-1000.0), Vector512.Create(1000.0));
        var k = Vector512.Round(x * Log2E);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        // e^r = 1 + r + r²·T(r) with T(r) = Σ r^(j−2) / j!, j = 2 … 13, by Estrin's scheme: the same
        // multiply-adds as Horner's rule but a dependency chain of four instead of eleven, so that
        // neighbouring vectors overlap. The leading 1 + r is added last, where rounding matters most.
        var r2 = r * r;
        var r4 = r2 * r2;
        var p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6), Vector512.Create(0.5));
        var p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 120), Vector512.Create(1.0 / 24));
        var p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 5040), Vector512.Create(1.0 / 720));
        var p89 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 362880), Vector512.Create(1.0 / 40320));
        var p1011 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 39916800), Vector512.Create(1.0 / 3628800));
        var p1213 = Vector512.FusedMultiplyAdd(r, Vector512.Create(1.0 / 6227020800), Vector512.Create(1.0 / 479001600));
        var q0 = Vector512.FusedMultiplyAdd(p45, r2, p23);
        var q1 = Vector512.FusedMultiplyAdd(p89, r2, p67);
        var q2 = Vector512.FusedMultiplyAdd(p1213, r2, p1011);
        var tail = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(q2, r4, q1), r4, q0);
        var p = Vector512.FusedMultiplyAdd(r2, tail, r) + Vector512<double>.One;
        return Avx512F.Scale(p, k);
    }

    /// <summary>
    /// Each lane of <paramref name="x"/> limited to [<paramref name="lower"/>, <paramref name="upper"/>];
    /// NaN stays NaN (<c>vminpd</c>/<c>vmaxpd</c> return their second operand when it is NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Clamp(Vector512<double> x, Vector512<double> lower, Vector512<double> upper) =>
        Avx512F.Max(lower, Avx512F.Min(upper, x));

    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const double FdlibmLn2Hi = 6.93147180369123816490e-01;
    private const double FdlibmLn2Lo = 1.90821492927058770002e-10;

    /// <summary>ln x for each lane with x &gt; 0 finite (other inputs give a non-finite result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        // x = 2^e·m1 with m1 in [1, 2); fold m1 ≥ √2 to m1/2 so that m is in [√2/2, √2).
        var m = Avx512F.GetMantissa(x, 0);
        var e = Avx512F.GetExponent(x);
        var high = Vector512.GreaterThanOrEqual(m, Vector512.Create(1.4142135623730951));
        m = Vector512.ConditionalSelect(high, m * 0.5, m);
        var k = Vector512.ConditionalSelect(high, e + Vector512<double>.One, e);
        var f = m - Vector512<double>.One;
        var hfsq = 0.5 * f * f;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg6), Vector512.Create(Lg4)), Vector512.Create(Lg2));
        var t2 = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg7), Vector512.Create(Lg5)), Vector512.Create(Lg3)), Vector512.Create(Lg1));
        var rr = t1 + t2;
        // k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f)
        var inner = Vector512.FusedMultiplyAdd(s, hfsq + rr, k * FdlibmLn2Lo);
        return Vector512.FusedMultiplyAdd(k, Vector512.Create(FdlibmLn2Hi), f - (hfsq - inner));
    }
}
