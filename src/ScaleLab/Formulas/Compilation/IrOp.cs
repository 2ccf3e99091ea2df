namespace ScaleLab.Formulas.Compilation;

/// <summary>Operations of the compiled form of a law (see <see cref="IrScalar"/> for their meaning).</summary>
internal enum IrOp : byte
{
    Constant,
    Variable,
    Parameter,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Square,
    Recip,
    Exp,
    Log,
    Log10,
    Log2,
    Sqrt,
    Abs,
    Sign,
    Softplus,
    Sigmoid,
    Tanh,
    PowConst,
    Power,
    Min,
    Max,
    Clamp,
    Select,
    PowerBaseSlope,
    PowerExpSlope,
    CleanLog,
    CleanRecip,

    // a·b + c: made only by the planner, from a product whose one use is a sum.
    MultiplyAdd,

    // a·b·c: made only by the planner, from a product whose one use is another product.
    Multiply3,
}
