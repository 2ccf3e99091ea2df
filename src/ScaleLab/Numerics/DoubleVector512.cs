using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScaleLab.Numerics;

/// <summary>
/// Eight doubles with AVX-512's own instructions for the two exact steps of exp and log:
/// <c>vscalefpd</c> for x·2^k (it also gives +∞ and 0 on overflow and underflow) and
/// <c>vgetexppd</c>/<c>vgetmantpd</c> for x = 2^e·m. Only use where <see cref="IsSupported"/>.
/// </summary>
internal readonly struct DoubleVector512 : IDoubleVector<DoubleVector512>
{
    private readonly Vector512<double> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private DoubleVector512(Vector512<double> value) => _value = value;

    /// <summary>True where the AVX-512 foundation instructions used here are available.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 Load(ReadOnlySpan<double> source, int index) => new(Vector512.Create(source.Slice(index, Vector512<double>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int index) => _value.CopyTo(destination.Slice(index, Vector512<double>.Count));

    /// <summary>Lane <paramref name="index"/>.</summary>
    public double this[int index] => _value[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator +(DoubleVector512 a, DoubleVector512 b) => new(a._value + b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator -(DoubleVector512 a, DoubleVector512 b) => new(a._value - b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator *(DoubleVector512 a, DoubleVector512 b) => new(a._value * b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator /(DoubleVector512 a, DoubleVector512 b) => new(a._value / b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator -(DoubleVector512 a) => new(-a._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator &(DoubleVector512 a, DoubleVector512 b) => new(a._value & b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 operator |(DoubleVector512 a, DoubleVector512 b) => new(a._value | b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 AndNot(DoubleVector512 a, DoubleVector512 b) => new(Vector512.AndNot(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 FusedMultiplyAdd(DoubleVector512 a, DoubleVector512 b, DoubleVector512 c) => new(Vector512.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 Round(DoubleVector512 x) => new(Vector512.Round(x._value));

    // vminpd/vmaxpd return their second operand when it is NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 Clamp(DoubleVector512 x, DoubleVector512 lower, DoubleVector512 upper) =>
        new(Avx512F.Max(lower._value, Avx512F.Min(upper._value, x._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 GreaterThanOrEqual(DoubleVector512 a, DoubleVector512 b) => new(Vector512.GreaterThanOrEqual(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 ConditionalSelect(DoubleVector512 mask, DoubleVector512 whenSet, DoubleVector512 otherwise) =>
        new(Vector512.ConditionalSelect(mask._value, whenSet._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllSet(DoubleVector512 mask) => Vector512.EqualsAll(mask._value.AsInt64(), Vector512<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(DoubleVector512 x) => Vector512.Sum(x._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 AddBits(DoubleVector512 a, DoubleVector512 b) => new((a._value.AsInt64() + b._value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 ShiftLeftBits(DoubleVector512 x, int count) => new(Vector512.ShiftLeft(x._value.AsUInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 ShiftRightBits(DoubleVector512 x, int count) => new(Vector512.ShiftRightLogical(x._value.AsUInt64(), count).AsDouble());

    public static bool HasScalingInstruction => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 ScaleByPowerOfTwo(DoubleVector512 x, DoubleVector512 k) => new(Avx512F.Scale(x._value, k._value));

    // Mantissa control 0b1000: m1 in [1, 2), NaN where the sign is negative; the exponent is −∞ for 0 and
    // +∞ for +∞. Then m1 ≥ √2 is folded to m1/2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector512 Decompose(DoubleVector512 x, out DoubleVector512 exponent)
    {
        var e = Avx512F.GetExponent(x._value);
        var m = Avx512F.GetMantissa(x._value, 0b1000);
        var high = Vector512.GreaterThanOrEqual(m, Vector512.Create(1.4142135623730951));
        exponent = new(e + (high & Vector512<double>.One));
        return new(Vector512.ConditionalSelect(high, m * 0.5, m));
    }
}
