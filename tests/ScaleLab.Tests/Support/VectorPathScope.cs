using ScaleLab.Numerics;

namespace ScaleLab.Tests.Support;

/// <summary>
/// Runs the fused kernels on one vector path until disposed, skipping the test visibly where this
/// processor lacks it. The path is process-wide: tests that use this belong to <see cref="VectorPathCollection"/>.
/// </summary>
public sealed class VectorPathScope : IDisposable
{
    private readonly VectorPath _previous;

    /// <summary>The vector widths as theory arguments (names: the path type is internal to the library).</summary>
    public static TheoryData<string> Widths => [nameof(VectorPath.Portable128), nameof(VectorPath.Portable256), nameof(VectorPath.Avx512)];

    private VectorPathScope(VectorPath path)
    {
        _previous = VectorPaths.Current;
        VectorPaths.Current = path;
    }

    internal static VectorPathScope Use(VectorPath path)
    {
        SkipUnlessSupported(path);
        return new VectorPathScope(path);
    }

    internal static void SkipUnlessSupported(VectorPath path) =>
        Skip.IfNot(VectorPaths.IsSupported(path), $"this processor has no {path} vector path (the best here is {VectorPaths.Best})");

    public void Dispose() => VectorPaths.Current = _previous;
}

/// <summary>Tests that switch the process-wide vector path run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VectorPathCollection
{
    public const string Name = "vector path";
}
