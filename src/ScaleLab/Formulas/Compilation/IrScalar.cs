namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// The scalar meaning of every compiled operation: used for constant folding, for data-only values
/// at binding and for parameter-only values per evaluation. The vector kernels compute the same to
/// rounding.
/// </summary>
internal static class IrScalar
{
    private const double InvLn10 = 0.43429448190325182765;
    private const double InvLn2 = 1.44269504088896340736;

    /// <summary>The value of <paramref name="node"/> given its operand values in operand order.</summary>
    public static double Evaluate(in IrNode node, ReadOnlySpan<double> x)
    {
        switch (node.Op)
        {
            case IrOp.Constant: return node.Value;
            case IrOp.Add: return x[0] + x[1];
            case IrOp.Subtract: return x[0] - x[1];
            case IrOp.Multiply: return x[0] * x[1];
            case IrOp.Divide: return x[0] / x[1];
            case IrOp.Negate: return -x[0];
            case IrOp.Square: return x[0] * x[0];
            case IrOp.Recip: return 1 / x[0];
            case IrOp.Exp: return Math.Exp(x[0]);
            case IrOp.Log: return Math.Log(x[0]);
            case IrOp.Log10: return Math.Log10(x[0]);
            case IrOp.Log2: return Math.Log2(x[0]);
            case IrOp.Sqrt: return Math.Sqrt(x[0]);
            case IrOp.Abs: return Math.Abs(x[0]);
            case IrOp.Sign: return ScalarMath.Sign(x[0]);
            case IrOp.Softplus: return ScalarMath.Softplus(x[0]);
            case IrOp.Sigmoid: return ScalarMath.Sigmoid(x[0]);
            case IrOp.Tanh: return Math.Tanh(x[0]);
            case IrOp.PowConst: return PowConst(x[0], node.Value);
            case IrOp.Power: return Power(x[0], x[1], x[2]);
            case IrOp.Min:
            {
                double m = x[0];
                for (int k = 1; k < x.Length; k++) m = Math.Min(m, x[k]);
                return m;
            }
            case IrOp.Max:
            {
                double m = x[0];
                for (int k = 1; k < x.Length; k++) m = Math.Max(m, x[k]);
                return m;
            }
            case IrOp.Clamp: return ScalarMath.Clamp(x[0], x[1], x[2]);
            case IrOp.Select: return Selected((IrOp)(int)node.Value, x) == node.Index ? 1 : 0;
            case IrOp.PowerBaseSlope: return PowerBaseSlope(x[0], x[1], x[2]);
            case IrOp.PowerExpSlope: return PowerExpSlope(x[0], x[1], x[2]);
            case IrOp.CleanLog: return CleanLog(x[0]);
            case IrOp.CleanRecip: return CleanRecip(x[0]);
            default: throw new InvalidOperationException($"{node.Op} has no scalar value");
        }
    }

    /// <summary>x^c for a constant c: e^(c·ln x) where x &gt; 0 (as the vector kernel computes it), the C library's pow elsewhere.</summary>
    public static double PowConst(double x, double c) => x > 0 ? Math.Exp(c * Math.Log(x)) : Math.Pow(x, c);

    /// <summary>x^y given L = ln x: e^(y·L) where x &gt; 0, the C library's pow elsewhere (negative x with whole y, zero x).</summary>
    public static double Power(double x, double y, double logX) => x > 0 ? Math.Exp(y * logX) : Math.Pow(x, y);

    /// <summary>∂(x^y)/∂x = y·x^(y−1) given v = x^y.</summary>
    public static double PowerBaseSlope(double x, double y, double v) => x != 0 ? y * v / x : y * Math.Pow(x, y - 1);

    /// <summary>∂(x^y)/∂y = x^y·ln x given v = x^y and L = ln x; 0 at x = 0 where x^y = 0, NaN where it does not exist.</summary>
    public static double PowerExpSlope(double x, double v, double logX) => x > 0 ? v * logX : x == 0 && v == 0 ? 0 : double.NaN;

    /// <summary>ln x for x &gt; 0, NaN elsewhere.</summary>
    public static double CleanLog(double x) => x > 0 ? Math.Log(x) : double.NaN;

    /// <summary>1/x for x &gt; 0, NaN elsewhere.</summary>
    public static double CleanRecip(double x) => x > 0 ? 1 / x : double.NaN;

    /// <summary>1/ln 10, for the derivative of log10.</summary>
    public static double Log10Slope => InvLn10;

    /// <summary>1/ln 2, for the derivative of log2.</summary>
    public static double Log2Slope => InvLn2;

    /// <summary>
    /// The argument min, max or clamp passes through: the first of equal arguments (so a tie takes the
    /// subgradient of the first), and for clamp(x, lo, hi) x itself at x = lo or x = hi.
    /// </summary>
    public static int Selected(IrOp op, ReadOnlySpan<double> x)
    {
        switch (op)
        {
            case IrOp.Max:
            {
                int best = 0;
                for (int k = 1; k < x.Length; k++) if (x[k] > x[best]) best = k;
                return best;
            }
            case IrOp.Min:
            {
                int best = 0;
                for (int k = 1; k < x.Length; k++) if (x[k] < x[best]) best = k;
                return best;
            }
            case IrOp.Clamp:
            {
                int lower = x[0] >= x[1] ? 0 : 1;
                return x[lower] <= x[2] ? lower : 2;
            }
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "not a selecting operation");
        }
    }
}
