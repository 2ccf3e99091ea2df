using System.Runtime.CompilerServices;

namespace ScaleLab.Numerics;

/// <summary>
/// Exponential and natural logarithm of every lane of a SIMD vector of doubles, accurate to about one
/// unit in the last place, for the fused objective kernels (a fit evaluates them about 10⁸ times).
/// One source for every width: the processor-specific steps (scaling by 2^k, splitting off the
/// exponent) come from <typeparamref name="TVector"/>, exactly (so every width gives the same bits).
/// </summary>
/// <remarks>
/// <para>Exp: Cody–Waite reduction x = k·ln 2 + r with |r| ≤ ln 2 / 2 (W. J. Cody and W. Waite,
/// "Software Manual for the Elementary Functions", Prentice-Hall 1980: ln 2 split in two parts, applied with
/// two fused multiply-adds), the Taylor polynomial of e^r to degree 13 (truncation below 2⁻⁵⁵
/// relative) and the scaling by 2^k.</para>
/// <para>Log: x = 2^k·m with m in [√2/2, √2), then the fdlibm kernel for log(1 + f), f = m − 1 (Sun
/// Microsystems fdlibm 5.3, e_log.c: the minimax coefficients Lg1–Lg7 in z = (f/(2 + f))², error
/// below 2⁻⁵⁸·⁴⁵, and its split of ln 2 in ln2_hi + ln2_lo).</para>
/// <para>The portable steps (<see cref="PortableScale"/>, <see cref="PortableDecompose"/>) work on the
/// IEEE 754 bit fields with shifts and masks and need nothing beyond AVX2 or ARM64's AdvSimd.</para>
/// </remarks>
internal static class SimdMath<TVector> where TVector : struct, IDoubleVector<TVector>
{
    private const long AbsBits = 0x7FFF_FFFF_FFFF_FFFF;
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471805599453;        // nearest double to ln 2
    private const double Ln2Lo = 2.3190468138462996e-17;    // ln 2 − Ln2Hi

    /// <summary>e^x for each lane (NaN stays NaN, overflow gives ∞, underflow 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp(TVector x)
    {
        // Without a scaling instruction, the usual case |x| ≤ 708 (result and 2^k normal) skips the
        // clamp and scales by one exact multiplication by 2^k; a compile-time constant per width.
        bool normal = !TVector.HasScalingInstruction
            && TVector.AllSet(TVector.GreaterThanOrEqual(TVector.Create(708.0), x & TVector.Create(BitConverter.Int64BitsToDouble(AbsBits))));
        // Clamp so that k stays finite: e^±1000 already over- or underflows.
        if (!normal) x = TVector.Clamp(x, TVector.Create(-1000.0), TVector.Create(1000.0));
        var k = TVector.Round(x * TVector.Create(Log2E));
        var r = TVector.FusedMultiplyAdd(k, TVector.Create(-Ln2Hi), x);
        r = TVector.FusedMultiplyAdd(k, TVector.Create(-Ln2Lo), r);
        // e^r = 1 + r + r²·T(r) with T(r) = Σ r^(j−2) / j!, j = 2 … 13, by Estrin's scheme: the same
        // multiply-adds as Horner's rule but a dependency chain of four instead of eleven, so that
        // neighbouring vectors overlap. The leading 1 + r is added last, where rounding matters most.
        var r2 = r * r;
        var r4 = r2 * r2;
        var p23 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 6), TVector.Create(0.5));
        var p45 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 120), TVector.Create(1.0 / 24));
        var p67 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 5040), TVector.Create(1.0 / 720));
        var p89 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 362880), TVector.Create(1.0 / 40320));
        var p1011 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 39916800), TVector.Create(1.0 / 3628800));
        var p1213 = TVector.FusedMultiplyAdd(r, TVector.Create(1.0 / 6227020800), TVector.Create(1.0 / 479001600));
        var q0 = TVector.FusedMultiplyAdd(p45, r2, p23);
        var q1 = TVector.FusedMultiplyAdd(p89, r2, p67);
        var q2 = TVector.FusedMultiplyAdd(p1213, r2, p1011);
        var tail = TVector.FusedMultiplyAdd(TVector.FusedMultiplyAdd(q2, r4, q1), r4, q0);
        var p = TVector.FusedMultiplyAdd(r2, tail, r) + TVector.Create(1.0);
        return normal ? p * PowerOfTwo(k) : TVector.ScaleByPowerOfTwo(p, k);
    }

    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const double FdlibmLn2Hi = 6.93147180369123816490e-01;
    private const double FdlibmLn2Lo = 1.90821492927058770002e-10;

    /// <summary>ln x for each lane: −∞ for 0, +∞ for +∞, NaN for negative or NaN input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Log(TVector x)
    {
        // x = 2^k·m with m in [√2/2, √2).
        var m = TVector.Decompose(x, out var k);
        var f = m - TVector.Create(1.0);
        var hfsq = TVector.Create(0.5) * f * f;
        var s = f / (TVector.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * TVector.FusedMultiplyAdd(w, TVector.FusedMultiplyAdd(w, TVector.Create(Lg6), TVector.Create(Lg4)), TVector.Create(Lg2));
        var t2 = z * TVector.FusedMultiplyAdd(w, TVector.FusedMultiplyAdd(w, TVector.FusedMultiplyAdd(w, TVector.Create(Lg7), TVector.Create(Lg5)), TVector.Create(Lg3)), TVector.Create(Lg1));
        var rr = t1 + t2;
        // k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f)
        var inner = TVector.FusedMultiplyAdd(s, hfsq + rr, k * TVector.Create(FdlibmLn2Lo));
        return TVector.FusedMultiplyAdd(k, TVector.Create(FdlibmLn2Hi), f - (hfsq - inner));
    }

    // 2^52 + 2^51: adding it to an integral double below 2^51 in magnitude leaves that integer in the
    // low mantissa bits (the classic round-to-integer trick), here offset by the exponent bias 1023.
    private const double PowerOfTwoMagic = 6755399441055744.0 + 1023;

    /// <summary>
    /// x·2^k for integral |k| ≤ 2044 without a scaling instruction: 2^k is split in two factors
    /// 2^k1·2^k2 with |k1|, |k2| ≤ 1022, each built from its exponent bits, so that x·2^k1 is exact for
    /// x near 1 and only the second product rounds (into the subnormal range too, as a single
    /// scaling would).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector PortableScale(TVector x, TVector k)
    {
        var k1 = TVector.Round(k * TVector.Create(0.5));
        var k2 = k - k1;
        return x * PowerOfTwo(k1) * PowerOfTwo(k2);
    }

    // 2^j for integral j in [−1022, 1023]: the biased exponent j + 1023 moved to bits 52…62. NaN gives 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector PowerOfTwo(TVector j) => TVector.ShiftLeftBits(j + TVector.Create(PowerOfTwoMagic), 52);

    private const double TwoTo52 = 4503599627370496.0;
    private const double MinNormal = 2.2250738585072014e-308;
    private const long MantissaBits = 0x000F_FFFF_FFFF_FFFF;
    // √2/2 rounded, and the offset that carries a mantissa at or above √2's into the exponent: fdlibm
    // e_log.c's 0x3fe6a09e trick, here on all 64 bits.
    private const long HalfSqrt2Bits = 0x3FE6_A09E_667F_3BCD;
    private const long FoldBits = 0x3FF0_0000_0000_0000 - HalfSqrt2Bits;

    /// <summary>
    /// <see cref="IDoubleVector{TSelf}.Decompose"/> from the bit fields. Adding <c>FoldBits</c> to the
    /// bits carries into the exponent exactly when the mantissa is at least √2's (then m = m1/2); the
    /// biased exponent field is read as an integer (OR-ed into the mantissa of 2^52, whose unit in the
    /// last place is 1, then 2^52 + 1023 subtracted) and the mantissa bits put back under the exponent
    /// of √2/2. Subnormals are scaled by 2^52 first; zero, infinity, NaN and negative input take a
    /// rarely used branch (inlined: a call inside the kernels' loops would make the compiler keep their
    /// accumulators in memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector PortableDecompose(TVector x, out TVector exponent)
    {
        var normal = TVector.AndNot(TVector.GreaterThanOrEqual(x, TVector.Create(MinNormal)), TVector.GreaterThanOrEqual(x, TVector.Create(double.PositiveInfinity)));
        return TVector.AllSet(normal) ? Split(x, out exponent) : DecomposeUnusual(x, out exponent);
    }

    // x = 2^e·m, m in [√2/2, √2), for positive normal x (any other input gives a finite m).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Split(TVector x, out TVector exponent)
    {
        var u = TVector.AddBits(x, TVector.Create(BitConverter.Int64BitsToDouble(FoldBits)));
        exponent = (TVector.ShiftRightBits(u, 52) | TVector.Create(TwoTo52)) - TVector.Create(TwoTo52 + 1023);
        return TVector.AddBits(u & TVector.Create(BitConverter.Int64BitsToDouble(MantissaBits)), TVector.Create(BitConverter.Int64BitsToDouble(HalfSqrt2Bits)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector DecomposeUnusual(TVector x, out TVector exponent)
    {
        var subnormal = TVector.GreaterThanOrEqual(TVector.Create(MinNormal), x);
        var m = Split(TVector.ConditionalSelect(subnormal, x * TVector.Create(TwoTo52), x), out var e);
        e = e - (subnormal & TVector.Create(52.0));
        // Positive finite lanes keep e; 0 gives −∞ (x ≥ −0 and 0 ≥ x), +∞ gives +∞, the rest NaN.
        var zero = TVector.Create(0.0);
        var isZero = TVector.GreaterThanOrEqual(x, zero) & TVector.GreaterThanOrEqual(zero, x);
        var infinity = TVector.Create(double.PositiveInfinity);
        var isInfinity = TVector.GreaterThanOrEqual(x, infinity);
        var positiveFinite = TVector.AndNot(TVector.AndNot(TVector.GreaterThanOrEqual(x, zero), isZero), isInfinity);
        var special = TVector.ConditionalSelect(isZero, TVector.Create(double.NegativeInfinity),
            TVector.ConditionalSelect(isInfinity, infinity, TVector.Create(double.NaN)));
        exponent = TVector.ConditionalSelect(positiveFinite, e, special);
        return m;
    }
}
