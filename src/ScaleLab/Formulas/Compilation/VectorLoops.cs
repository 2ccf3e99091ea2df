using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// Element-wise arithmetic over one block: a plain 512-bit loop where the processor has AVX-512, else
/// <see cref="Vector{T}"/> (AVX2, ARM), else scalar. On blocks of a few hundred rows this is several
/// times faster than the general-purpose TensorPrimitives entry points, whose set-up dominates there.
/// Each operand is a span or one number for every row (<see cref="Arg"/>).
/// </summary>
internal static class VectorLoops
{
    public interface IOperation
    {
        static abstract Vector512<double> Apply(Vector512<double> a, Vector512<double> b);

        static abstract Vector<double> Apply(Vector<double> a, Vector<double> b);

        static abstract double Apply(double a, double b);
    }

    public readonly struct Add : IOperation
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a + b;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a + b;
        public static double Apply(double a, double b) => a + b;
    }

    public readonly struct Subtract : IOperation
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a - b;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a - b;
        public static double Apply(double a, double b) => a - b;
    }

    public readonly struct Multiply : IOperation
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a * b;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a * b;
        public static double Apply(double a, double b) => a * b;
    }

    public readonly struct Divide : IOperation
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a / b;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a / b;
        public static double Apply(double a, double b) => a / b;
    }

    public interface ITernary
    {
        static abstract Vector512<double> Apply(Vector512<double> a, Vector512<double> b, Vector512<double> c);

        static abstract Vector<double> Apply(Vector<double> a, Vector<double> b, Vector<double> c);

        static abstract double Apply(double a, double b, double c);
    }

    /// <summary>a·b + c, rounded twice as the interpreter computes it.</summary>
    public readonly struct MultiplyAdd : ITernary
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b, Vector512<double> c) => a * b + c;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b, Vector<double> c) => a * b + c;
        public static double Apply(double a, double b, double c) => a * b + c;
    }

    /// <summary>a·b·c.</summary>
    public readonly struct Multiply3 : ITernary
    {
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b, Vector512<double> c) => a * b * c;
        public static Vector<double> Apply(Vector<double> a, Vector<double> b, Vector<double> c) => a * b * c;
        public static double Apply(double a, double b, double c) => a * b * c;
    }

    /// <summary>d = a ∘ b for spans or numbers (at least one a span).</summary>
    public static void Binary<T>(in Arg a, in Arg b, Span<double> d) where T : struct, IOperation
    {
        int i = 0, n = d.Length;
        if (VectorMath.UseAvx512 && Vector512.IsHardwareAccelerated)
        {
            const int W = 8;
            var sa = Vector512.Create(a.Scalar);
            var sb = Vector512.Create(b.Scalar);
            for (; i <= n - W; i += W)
            {
                var va = a.IsSpan ? Vector512.Create(a.Span.Slice(i, W)) : sa;
                var vb = b.IsSpan ? Vector512.Create(b.Span.Slice(i, W)) : sb;
                T.Apply(va, vb).CopyTo(d.Slice(i, W));
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var sa = new Vector<double>(a.Scalar);
            var sb = new Vector<double>(b.Scalar);
            for (; i <= n - w; i += w)
            {
                var va = a.IsSpan ? new Vector<double>(a.Span.Slice(i, w)) : sa;
                var vb = b.IsSpan ? new Vector<double>(b.Span.Slice(i, w)) : sb;
                T.Apply(va, vb).CopyTo(d.Slice(i, w));
            }
        }
        for (; i < n; i++) d[i] = T.Apply(a[i], b[i]);
    }

    /// <summary>d = op(a, b, c) for spans or numbers.</summary>
    public static void Ternary<T>(in Arg a, in Arg b, in Arg c, Span<double> d) where T : struct, ITernary
    {
        int i = 0, n = d.Length;
        if (VectorMath.UseAvx512 && Vector512.IsHardwareAccelerated)
        {
            const int W = 8;
            var sa = Vector512.Create(a.Scalar);
            var sb = Vector512.Create(b.Scalar);
            var sc = Vector512.Create(c.Scalar);
            for (; i <= n - W; i += W)
            {
                var va = a.IsSpan ? Vector512.Create(a.Span.Slice(i, W)) : sa;
                var vb = b.IsSpan ? Vector512.Create(b.Span.Slice(i, W)) : sb;
                var vc = c.IsSpan ? Vector512.Create(c.Span.Slice(i, W)) : sc;
                T.Apply(va, vb, vc).CopyTo(d.Slice(i, W));
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var sa = new Vector<double>(a.Scalar);
            var sb = new Vector<double>(b.Scalar);
            var sc = new Vector<double>(c.Scalar);
            for (; i <= n - w; i += w)
            {
                var va = a.IsSpan ? new Vector<double>(a.Span.Slice(i, w)) : sa;
                var vb = b.IsSpan ? new Vector<double>(b.Span.Slice(i, w)) : sb;
                var vc = c.IsSpan ? new Vector<double>(c.Span.Slice(i, w)) : sc;
                T.Apply(va, vb, vc).CopyTo(d.Slice(i, w));
            }
        }
        for (; i < n; i++) d[i] = T.Apply(a[i], b[i], c[i]);
    }
}
