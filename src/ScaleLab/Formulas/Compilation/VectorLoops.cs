using ScaleLab.Numerics;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// Element-wise arithmetic over one block, on the vector path the fused kernels use
/// (<see cref="VectorPaths.Current"/>: 512, 256 or 128 bits, or scalar). On blocks of a few hundred rows
/// plain loops are several times faster than the general-purpose TensorPrimitives entry points, whose
/// set-up dominates there. Each operand is a span or one number for every row (<see cref="Arg"/>).
/// </summary>
internal static class VectorLoops
{
    public interface IOperation
    {
        static abstract TV Apply<TV>(TV a, TV b) where TV : struct, IDoubleVector<TV>;

        static abstract double Apply(double a, double b);
    }

    public interface ITernary
    {
        static abstract TV Apply<TV>(TV a, TV b, TV c) where TV : struct, IDoubleVector<TV>;

        static abstract double Apply(double a, double b, double c);
    }

    public readonly struct Add : IOperation
    {
        public static TV Apply<TV>(TV a, TV b) where TV : struct, IDoubleVector<TV> => a + b;
        public static double Apply(double a, double b) => a + b;
    }

    public readonly struct Subtract : IOperation
    {
        public static TV Apply<TV>(TV a, TV b) where TV : struct, IDoubleVector<TV> => a - b;
        public static double Apply(double a, double b) => a - b;
    }

    public readonly struct Multiply : IOperation
    {
        public static TV Apply<TV>(TV a, TV b) where TV : struct, IDoubleVector<TV> => a * b;
        public static double Apply(double a, double b) => a * b;
    }

    public readonly struct Divide : IOperation
    {
        public static TV Apply<TV>(TV a, TV b) where TV : struct, IDoubleVector<TV> => a / b;
        public static double Apply(double a, double b) => a / b;
    }

    /// <summary>a·b + c, rounded twice as the interpreter computes it.</summary>
    public readonly struct MultiplyAdd : ITernary
    {
        public static TV Apply<TV>(TV a, TV b, TV c) where TV : struct, IDoubleVector<TV> => a * b + c;
        public static double Apply(double a, double b, double c) => a * b + c;
    }

    /// <summary>a·b·c.</summary>
    public readonly struct Multiply3 : ITernary
    {
        public static TV Apply<TV>(TV a, TV b, TV c) where TV : struct, IDoubleVector<TV> => a * b * c;
        public static double Apply(double a, double b, double c) => a * b * c;
    }

    /// <summary>d = a ∘ b for spans or numbers.</summary>
    public static void Binary<T>(in Arg a, in Arg b, Span<double> d) where T : struct, IOperation
    {
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => Binary<T, DoubleVector512>(a, b, d),
            VectorPath.Portable256 => Binary<T, DoubleVector256>(a, b, d),
            VectorPath.Portable128 => Binary<T, DoubleVector128>(a, b, d),
            _ => 0,
        };
        for (; i < d.Length; i++) d[i] = T.Apply(a[i], b[i]);
    }

    /// <summary>d = op(a, b, c) for spans or numbers.</summary>
    public static void Ternary<T>(in Arg a, in Arg b, in Arg c, Span<double> d) where T : struct, ITernary
    {
        int i = VectorPaths.Current switch
        {
            VectorPath.Avx512 => Ternary<T, DoubleVector512>(a, b, c, d),
            VectorPath.Portable256 => Ternary<T, DoubleVector256>(a, b, c, d),
            VectorPath.Portable128 => Ternary<T, DoubleVector128>(a, b, c, d),
            _ => 0,
        };
        for (; i < d.Length; i++) d[i] = T.Apply(a[i], b[i], c[i]);
    }

    // Whole vectors only; returns where the scalar tail starts.
    private static int Binary<T, TV>(in Arg a, in Arg b, Span<double> d) where T : struct, IOperation where TV : struct, IDoubleVector<TV>
    {
        int i = 0, w = TV.Count;
        var sa = TV.Create(a.Scalar);
        var sb = TV.Create(b.Scalar);
        for (; i <= d.Length - w; i += w)
        {
            T.Apply(a.IsSpan ? TV.Load(a.Span, i) : sa, b.IsSpan ? TV.Load(b.Span, i) : sb).Store(d, i);
        }
        return i;
    }

    private static int Ternary<T, TV>(in Arg a, in Arg b, in Arg c, Span<double> d) where T : struct, ITernary where TV : struct, IDoubleVector<TV>
    {
        int i = 0, w = TV.Count;
        var sa = TV.Create(a.Scalar);
        var sb = TV.Create(b.Scalar);
        var sc = TV.Create(c.Scalar);
        for (; i <= d.Length - w; i += w)
        {
            T.Apply(a.IsSpan ? TV.Load(a.Span, i) : sa, b.IsSpan ? TV.Load(b.Span, i) : sb, c.IsSpan ? TV.Load(c.Span, i) : sc).Store(d, i);
        }
        return i;
    }
}
