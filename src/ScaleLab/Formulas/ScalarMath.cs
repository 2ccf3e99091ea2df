namespace ScaleLab.Formulas;

/// <summary>
/// The scalar meaning of every function of the language, shared by the reference interpreter, the
/// per-dataset and per-evaluation parts of compiled formulas, and the tests of the vector kernels.
/// NaN propagates through every function, including min, max and clamp.
/// </summary>
internal static class ScalarMath
{
    /// <summary>Applies a function of one argument.</summary>
    public static double Apply(FormulaFunction function, double x) => function switch
    {
        FormulaFunction.Exp => Math.Exp(x),
        FormulaFunction.Log => Math.Log(x),
        FormulaFunction.Log10 => Math.Log10(x),
        FormulaFunction.Log2 => Math.Log2(x),
        FormulaFunction.Sqrt => Math.Sqrt(x),
        FormulaFunction.Abs => Math.Abs(x),
        FormulaFunction.Sign => Sign(x),
        FormulaFunction.Softplus => Softplus(x),
        FormulaFunction.Sigmoid => Sigmoid(x),
        FormulaFunction.Tanh => Math.Tanh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a function of one argument"),
    };

    /// <summary>−1, 0 or 1 (NaN stays NaN, −0 stays −0).</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>ln(1 + eˣ) without overflow for large x or loss of the tail for very negative x.</summary>
    public static double Softplus(double x) => x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>min(max(x, lo), hi); hi wins when lo &gt; hi.</summary>
    public static double Clamp(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);

    /// <summary>
    /// ln(1 + u) accurate for small u, for 0 ≤ u ≤ 1: the rounding of 1 + u is undone by the factor
    /// u / ((1 + u) − 1) (Goldberg 1991, "What every computer scientist should know about floating-point
    /// arithmetic", Theorem 4). .NET's LogP1 is Log(1 + u) and loses the tail.
    /// </summary>
    public static double Log1p(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }
}
