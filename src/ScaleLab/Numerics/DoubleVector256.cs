using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScaleLab.Numerics;

/// <summary>
/// Four doubles (AVX2 with FMA on x64); exp's scaling and log's exponent split come from the bit fields
/// (<see cref="SimdMath{TVector}.PortableScale"/>, <see cref="SimdMath{TVector}.PortableDecompose"/>).
/// </summary>
internal readonly struct DoubleVector256 : IDoubleVector<DoubleVector256>
{
    private readonly Vector256<double> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private DoubleVector256(Vector256<double> value) => _value = value;

    /// <summary>True where 256-bit vectors and fused multiply-add run in hardware.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 Load(ReadOnlySpan<double> source, int index) => new(Vector256.Create(source.Slice(index, Vector256<double>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int index) => _value.CopyTo(destination.Slice(index, Vector256<double>.Count));

    /// <summary>Lane <paramref name="index"/>.</summary>
    public double this[int index] => _value[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator +(DoubleVector256 a, DoubleVector256 b) => new(a._value + b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator -(DoubleVector256 a, DoubleVector256 b) => new(a._value - b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator *(DoubleVector256 a, DoubleVector256 b) => new(a._value * b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator /(DoubleVector256 a, DoubleVector256 b) => new(a._value / b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator -(DoubleVector256 a) => new(-a._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator &(DoubleVector256 a, DoubleVector256 b) => new(a._value & b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 operator |(DoubleVector256 a, DoubleVector256 b) => new(a._value | b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 AndNot(DoubleVector256 a, DoubleVector256 b) => new(Vector256.AndNot(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 FusedMultiplyAdd(DoubleVector256 a, DoubleVector256 b, DoubleVector256 c) => new(Vector256.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 Round(DoubleVector256 x) => new(Vector256.Round(x._value));

    // vminpd/vmaxpd return their second operand when it is NaN; elsewhere Min/Max propagate NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 Clamp(DoubleVector256 x, DoubleVector256 lower, DoubleVector256 upper) =>
        new(Avx.IsSupported ? Avx.Max(lower._value, Avx.Min(upper._value, x._value)) : Vector256.Max(lower._value, Vector256.Min(upper._value, x._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 GreaterThanOrEqual(DoubleVector256 a, DoubleVector256 b) => new(Vector256.GreaterThanOrEqual(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 ConditionalSelect(DoubleVector256 mask, DoubleVector256 whenSet, DoubleVector256 otherwise) =>
        new(Vector256.ConditionalSelect(mask._value, whenSet._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllSet(DoubleVector256 mask) => Vector256.EqualsAll(mask._value.AsInt64(), Vector256<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(DoubleVector256 x) => Vector256.Sum(x._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 AddBits(DoubleVector256 a, DoubleVector256 b) => new((a._value.AsInt64() + b._value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 ShiftLeftBits(DoubleVector256 x, int count) => new(Vector256.ShiftLeft(x._value.AsUInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 ShiftRightBits(DoubleVector256 x, int count) => new(Vector256.ShiftRightLogical(x._value.AsUInt64(), count).AsDouble());

    public static bool HasScalingInstruction => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 ScaleByPowerOfTwo(DoubleVector256 x, DoubleVector256 k) => SimdMath<DoubleVector256>.PortableScale(x, k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector256 Decompose(DoubleVector256 x, out DoubleVector256 exponent) => SimdMath<DoubleVector256>.PortableDecompose(x, out exponent);
}
