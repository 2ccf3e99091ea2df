namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// One node of the compiled graph. Operands are node ids (−1 where absent); <see cref="Args"/> holds
/// the operands of min, max and select. <see cref="Value"/> is the constant, the exponent of
/// <see cref="IrOp.PowConst"/> or the selecting operation of <see cref="IrOp.Select"/>;
/// <see cref="Index"/> is the variable or parameter index or the selected argument.
/// </summary>
internal readonly record struct IrNode(IrOp Op, int A, int B, int C, int[]? Args, double Value, int Index, IrClass Class)
{
    /// <summary>The operand ids in order.</summary>
    public int[] Operands()
    {
        if (Args is not null) return Args;
        if (A < 0) return [];
        if (B < 0) return [A];
        return C < 0 ? [A, B] : [A, B, C];
    }
}
