using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ScaleLab.Numerics;

/// <summary>
/// Two doubles (AdvSimd on ARM64, SSE2 with FMA on x64); exp's scaling and log's exponent split come from the bit fields
/// (<see cref="SimdMath{TVector}.PortableScale"/>, <see cref="SimdMath{TVector}.PortableDecompose"/>).
/// </summary>
internal readonly struct DoubleVector128 : IDoubleVector<DoubleVector128>
{
    private readonly Vector128<double> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private DoubleVector128(Vector128<double> value) => _value = value;

    /// <summary>True where 128-bit vectors and fused multiply-add run in hardware.</summary>
    public static bool IsSupported => Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.Arm64.IsSupported);

    public static int Count => Vector128<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 Create(double value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 Load(ReadOnlySpan<double> source, int index) => new(Vector128.Create(source.Slice(index, Vector128<double>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int index) => _value.CopyTo(destination.Slice(index, Vector128<double>.Count));

    /// <summary>Lane <paramref name="index"/>.</summary>
    public double this[int index] => _value[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator +(DoubleVector128 a, DoubleVector128 b) => new(a._value + b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator -(DoubleVector128 a, DoubleVector128 b) => new(a._value - b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator *(DoubleVector128 a, DoubleVector128 b) => new(a._value * b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator /(DoubleVector128 a, DoubleVector128 b) => new(a._value / b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator -(DoubleVector128 a) => new(-a._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator &(DoubleVector128 a, DoubleVector128 b) => new(a._value & b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 operator |(DoubleVector128 a, DoubleVector128 b) => new(a._value | b._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 AndNot(DoubleVector128 a, DoubleVector128 b) => new(Vector128.AndNot(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 FusedMultiplyAdd(DoubleVector128 a, DoubleVector128 b, DoubleVector128 c) => new(Vector128.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 Round(DoubleVector128 x) => new(Vector128.Round(x._value));

    // vminpd/vmaxpd return their second operand when it is NaN; elsewhere Min/Max propagate NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 Clamp(DoubleVector128 x, DoubleVector128 lower, DoubleVector128 upper) =>
        new(Sse2.IsSupported ? Sse2.Max(lower._value, Sse2.Min(upper._value, x._value)) : Vector128.Max(lower._value, Vector128.Min(upper._value, x._value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 GreaterThanOrEqual(DoubleVector128 a, DoubleVector128 b) => new(Vector128.GreaterThanOrEqual(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 ConditionalSelect(DoubleVector128 mask, DoubleVector128 whenSet, DoubleVector128 otherwise) =>
        new(Vector128.ConditionalSelect(mask._value, whenSet._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllSet(DoubleVector128 mask) => Vector128.EqualsAll(mask._value.AsInt64(), Vector128<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(DoubleVector128 x) => Vector128.Sum(x._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 AddBits(DoubleVector128 a, DoubleVector128 b) => new((a._value.AsInt64() + b._value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 ShiftLeftBits(DoubleVector128 x, int count) => new(Vector128.ShiftLeft(x._value.AsUInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 ShiftRightBits(DoubleVector128 x, int count) => new(Vector128.ShiftRightLogical(x._value.AsUInt64(), count).AsDouble());

    public static bool HasScalingInstruction => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 ScaleByPowerOfTwo(DoubleVector128 x, DoubleVector128 k) => SimdMath<DoubleVector128>.PortableScale(x, k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleVector128 Decompose(DoubleVector128 x, out DoubleVector128 exponent) => SimdMath<DoubleVector128>.PortableDecompose(x, out exponent);
}
