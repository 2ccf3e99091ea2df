using System.Numerics.Tensors;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// The vector operations of compiled laws over one block of rows: arithmetic by <see cref="VectorLoops"/>,
/// exp and the clean log by <see cref="VectorMath"/>, other functions by System.Numerics.Tensors'
/// TensorPrimitives (AVX-512, AVX2 or ARM as the processor allows). Powers are e^(y·ln x) where
/// x &gt; 0, with the few other rows redone by the C library's pow, so that they agree with
/// <see cref="IrScalar"/> to rounding. Operations with a data-dependent choice (min, max, clamp and
/// their selections) work on operands gathered into dense blocks.
/// </summary>
internal static class RowKernels
{
    /// <summary>Computes a fixed-arity operation into <paramref name="d"/>.</summary>
    public static void Run(in IrNode node, in Arg a, in Arg b, in Arg c, Span<double> d)
    {
        switch (node.Op)
        {
            case IrOp.Add: VectorLoops.Binary<VectorLoops.Add>(a, b, d); break;
            case IrOp.Subtract: VectorLoops.Binary<VectorLoops.Subtract>(a, b, d); break;
            case IrOp.Multiply: VectorLoops.Binary<VectorLoops.Multiply>(a, b, d); break;
            case IrOp.MultiplyAdd: VectorLoops.Ternary<VectorLoops.MultiplyAdd>(a, b, c, d); break;
            case IrOp.Multiply3: VectorLoops.Ternary<VectorLoops.Multiply3>(a, b, c, d); break;
            case IrOp.Divide: VectorLoops.Binary<VectorLoops.Divide>(a, b, d); break;
            case IrOp.Negate: TensorPrimitives.Negate(a.Span, d); break;
            case IrOp.Square: VectorLoops.Binary<VectorLoops.Multiply>(a, a, d); break;
            case IrOp.Recip: TensorPrimitives.Reciprocal(a.Span, d); break;
            case IrOp.Exp: VectorMath.Exp(a.Span, d); break;
            case IrOp.Log: TensorPrimitives.Log(a.Span, d); break;
            case IrOp.Log10: TensorPrimitives.Log10(a.Span, d); break;
            case IrOp.Log2: TensorPrimitives.Log2(a.Span, d); break;
            case IrOp.Sqrt: TensorPrimitives.Sqrt(a.Span, d); break;
            case IrOp.Abs: TensorPrimitives.Abs(a.Span, d); break;
            case IrOp.Tanh: TensorPrimitives.Tanh(a.Span, d); break;
            case IrOp.Sigmoid: TensorPrimitives.Sigmoid(a.Span, d); break;
            case IrOp.Sign: for (int i = 0; i < d.Length; i++) d[i] = ScalarMath.Sign(a.Span[i]); break;
            case IrOp.Softplus: for (int i = 0; i < d.Length; i++) d[i] = ScalarMath.Softplus(a.Span[i]); break;
            case IrOp.PowConst:
                TensorPrimitives.Log(a.Span, d);
                TensorPrimitives.Multiply(d, node.Value, d);
                VectorMath.Exp(d, d);
                if (!AllPositive(a)) for (int i = 0; i < d.Length; i++) if (!(a.Span[i] > 0)) d[i] = Math.Pow(a.Span[i], node.Value);
                break;
            case IrOp.Power:
                VectorLoops.Binary<VectorLoops.Multiply>(b, c, d);
                VectorMath.Exp(d, d);
                if (!AllPositive(a)) for (int i = 0; i < d.Length; i++) if (!(a[i] > 0)) d[i] = Math.Pow(a[i], b[i]);
                break;
            case IrOp.PowerBaseSlope:
                VectorLoops.Binary<VectorLoops.Multiply>(b, c, d);
                VectorLoops.Binary<VectorLoops.Divide>(new Arg(d), a, d);
                if (MayHaveZero(a)) for (int i = 0; i < d.Length; i++) if (a[i] == 0) d[i] = IrScalar.PowerBaseSlope(0, b[i], c[i]);
                break;
            case IrOp.PowerExpSlope:
                VectorLoops.Binary<VectorLoops.Multiply>(b, c, d);
                if (!AllPositive(a)) for (int i = 0; i < d.Length; i++) if (!(a[i] > 0)) d[i] = IrScalar.PowerExpSlope(a[i], b[i], c[i]);
                break;
            case IrOp.CleanLog: VectorMath.CleanLog(a.Span, d); break;
            case IrOp.CleanRecip: VectorMath.CleanRecip(a.Span, d); break;
            default: throw new InvalidOperationException($"{node.Op} is not a fixed-arity vector operation");
        }
    }

    /// <summary>
    /// Computes min, max, clamp or select from operands gathered into <paramref name="gathered"/>
    /// (operand k at <c>[k·m, (k+1)·m)</c> for a block of m rows).
    /// </summary>
    public static void RunGathered(in IrNode node, ReadOnlySpan<double> gathered, int arity, Span<double> d)
    {
        int m = d.Length;
        Span<double> x = arity <= 16 ? stackalloc double[arity] : new double[arity];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < arity; k++) x[k] = gathered[k * m + i];
            d[i] = IrScalar.Evaluate(node, x);
        }
    }

    /// <summary>Adds one block's rows to the activity of a kink site (operands gathered as for <see cref="RunGathered"/>).</summary>
    public static void CountKinks(IrOp op, ReadOnlySpan<double> gathered, int arity, int m, int parameterFreeMask, ref FormulaKinkActivity activity)
    {
        Span<double> x = arity <= 16 ? stackalloc double[arity] : new double[arity];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < arity; k++) x[k] = gathered[k * m + i];
            Accumulate(op, x, parameterFreeMask, 1, ref activity);
        }
    }

    /// <summary>Adds <paramref name="rows"/> rows whose operands are <paramref name="x"/> to a site's activity.</summary>
    public static void Accumulate(IrOp op, ReadOnlySpan<double> x, int parameterFreeMask, int rows, ref FormulaKinkActivity activity)
    {
        foreach (var v in x) if (double.IsNaN(v)) return;
        bool binding, tie;
        double gap;
        if (op is IrOp.Abs or IrOp.Sign)
        {
            binding = op == IrOp.Sign;
            tie = x[0] == 0;
            gap = Math.Abs(x[0]);
        }
        else
        {
            int s = IrScalar.Selected(op, x);
            binding = (parameterFreeMask >> s & 1) != 0;
            tie = false;
            gap = double.PositiveInfinity;
            for (int k = 0; k < x.Length; k++)
            {
                // For clamp, a bound the value passed through is not compared with the other bound.
                if (k == s || (op == IrOp.Clamp && s != 0 && k != 0)) continue;
                tie |= x[k] == x[s];
                double scale = Math.Max(Math.Abs(x[k]), Math.Abs(x[s]));
                gap = Math.Min(gap, scale == 0 ? 0 : Math.Abs(x[k] - x[s]) / scale);
            }
        }
        if (binding) activity.BindingRows += rows;
        if (tie) activity.TieRows += rows;
        activity.NearestGap = Math.Min(activity.NearestGap, gap);
    }

    // One vectorised pass decides whether the scalar fix-up pass is needed at all.
    private static bool AllPositive(in Arg a) => a.KnownPositive || (a.IsSpan && VectorMath.AllPositive(a.Span));

    private static bool MayHaveZero(in Arg a)
    {
        double smallest = a.IsSpan ? TensorPrimitives.MinMagnitude(a.Span) : a.Scalar;
        return smallest == 0 || double.IsNaN(smallest);
    }
}
