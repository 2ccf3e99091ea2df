namespace ScaleLab.Numerics;

/// <summary>
/// The vector path the fused kernels take: the widest this processor runs in hardware, unless tests or
/// benchmarks force another (<see cref="Current"/>) so that every path is checked on every machine.
/// </summary>
internal static class VectorPaths
{
    /// <summary>The widest path this processor supports.</summary>
    public static VectorPath Best { get; } =
        DoubleVector512.IsSupported ? VectorPath.Avx512
        : DoubleVector256.IsSupported ? VectorPath.Portable256
        : DoubleVector128.IsSupported ? VectorPath.Portable128
        : VectorPath.None;

    private static VectorPath _current = Best;

    /// <summary>
    /// The path in use (<see cref="Best"/> unless set). Setting it affects every thread, so tests that
    /// set it must not run beside other fits.
    /// </summary>
    public static VectorPath Current
    {
        get => _current;
        set
        {
            if (!IsSupported(value)) throw new ArgumentException($"the vector path {value} is not supported by this processor", nameof(value));
            _current = value;
        }
    }

    /// <summary>True when <paramref name="path"/> runs in hardware here.</summary>
    public static bool IsSupported(VectorPath path) => path switch
    {
        VectorPath.None => true,
        VectorPath.Portable128 => DoubleVector128.IsSupported,
        VectorPath.Portable256 => DoubleVector256.IsSupported,
        VectorPath.Avx512 => DoubleVector512.IsSupported,
        _ => false,
    };
}
