namespace ScaleLab.Numerics;

/// <summary>Which SIMD code the fused kernels run (<see cref="VectorPaths"/> picks one).</summary>
internal enum VectorPath
{
    /// <summary>No vector kernel: the laws' general, scalar path.</summary>
    None,

    /// <summary>Two doubles per vector: ARM64's AdvSimd, or SSE2 with FMA.</summary>
    Portable128,

    /// <summary>Four doubles per vector: AVX2 with FMA.</summary>
    Portable256,

    /// <summary>Eight doubles per vector with AVX-512's scaling and exponent instructions.</summary>
    Avx512,
}
