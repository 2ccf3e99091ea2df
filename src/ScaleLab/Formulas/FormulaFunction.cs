namespace ScaleLab.Formulas;

/// <summary>The built-in functions of the formula language (names are lower case in formulas).</summary>
public enum FormulaFunction
{
    /// <summary><c>exp(x)</c>.</summary>
    Exp,

    /// <summary><c>log(x)</c>, the natural logarithm.</summary>
    Log,

    /// <summary><c>log10(x)</c>.</summary>
    Log10,

    /// <summary><c>log2(x)</c>.</summary>
    Log2,

    /// <summary><c>sqrt(x)</c>.</summary>
    Sqrt,

    /// <summary><c>abs(x)</c> (subgradient 0 at 0).</summary>
    Abs,

    /// <summary><c>sign(x)</c>: −1, 0 or 1 (derivative 0).</summary>
    Sign,

    /// <summary><c>pow(x, y)</c>, the same as <c>x^y</c>.</summary>
    Pow,

    /// <summary><c>min(a, b, …)</c>, two or more arguments.</summary>
    Min,

    /// <summary><c>max(a, b, …)</c>, two or more arguments.</summary>
    Max,

    /// <summary><c>clamp(x, lo, hi)</c>: <c>min(max(x, lo), hi)</c>.</summary>
    Clamp,

    /// <summary><c>softplus(x)</c> = ln(1 + eˣ), computed without overflow.</summary>
    Softplus,

    /// <summary><c>sigmoid(x)</c> = 1 / (1 + e⁻ˣ).</summary>
    Sigmoid,

    /// <summary><c>tanh(x)</c>.</summary>
    Tanh,
}
