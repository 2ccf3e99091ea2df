namespace ScaleLab.Numerics;

/// <summary>
/// One SIMD vector of doubles as the width-generic vector math (<see cref="SimdMath{TVector}"/>) and
/// the fused law kernels see it, once per width: <see cref="DoubleVector512"/> with AVX-512's own
/// instructions, <see cref="DoubleVector256"/> and <see cref="DoubleVector128"/> with instructions every
/// AVX2 or ARM64 processor has.
/// </summary>
/// <remarks>
/// .NET keeps its own ISimdVector interface internal, so the generic code is written against this one.
/// The implementations are structs around one hardware vector, so each width is compiled on its own
/// and every member inlines to the instruction it names.
/// </remarks>
internal interface IDoubleVector<TSelf> where TSelf : struct, IDoubleVector<TSelf>
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary><see cref="Count"/> doubles from <paramref name="source"/> at <paramref name="index"/>.</summary>
    static abstract TSelf Load(ReadOnlySpan<double> source, int index);

    /// <summary>Writes the lanes to <paramref name="destination"/> at <paramref name="index"/>.</summary>
    void Store(Span<double> destination, int index);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>Bitwise and of the lanes' 64 bits.</summary>
    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>Bitwise or of the lanes' 64 bits.</summary>
    static abstract TSelf operator |(TSelf a, TSelf b);

    /// <summary>a and not b, bitwise.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);

    /// <summary>a·b + c with one rounding.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Nearest integer, ties to even.</summary>
    static abstract TSelf Round(TSelf x);

    /// <summary>Each lane limited to [lower, upper]; NaN stays NaN.</summary>
    static abstract TSelf Clamp(TSelf x, TSelf lower, TSelf upper);

    /// <summary>All bits set in the lanes where a ≥ b, else zero (NaN compares false).</summary>
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>Lanes of <paramref name="whenSet"/> where <paramref name="mask"/> is set, else of <paramref name="otherwise"/>.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenSet, TSelf otherwise);

    /// <summary>True when every lane of the mask has its bits set.</summary>
    static abstract bool AllSet(TSelf mask);

    /// <summary>The sum of the lanes.</summary>
    static abstract double Sum(TSelf x);

    /// <summary>The lanes' 64 bits added as integers (wrapping).</summary>
    static abstract TSelf AddBits(TSelf a, TSelf b);

    /// <summary>The 64 bits of each lane shifted left by <paramref name="count"/>.</summary>
    static abstract TSelf ShiftLeftBits(TSelf x, int count);

    /// <summary>The 64 bits of each lane shifted right by <paramref name="count"/>, zeros shifted in.</summary>
    static abstract TSelf ShiftRightBits(TSelf x, int count);

    /// <summary>True where <see cref="ScaleByPowerOfTwo"/> is one instruction (exp then takes no shortcut).</summary>
    static abstract bool HasScalingInstruction { get; }

    /// <summary>x·2^k for integral |k| ≤ 2044, rounded once (overflow gives ∞, gradual underflow to 0).</summary>
    static abstract TSelf ScaleByPowerOfTwo(TSelf x, TSelf k);

    /// <summary>
    /// x = 2^e·m with m in [√2/2, √2) for x &gt; 0 finite (subnormals included), exactly; e = −∞ for ±0
    /// and +∞ for +∞; e or m is NaN for NaN and negative x.
    /// </summary>
    static abstract TSelf Decompose(TSelf x, out TSelf exponent);
}
