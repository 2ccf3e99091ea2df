namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// One vector operation of a plan: the node's operation, where its operands are, where the result
/// goes, and for a kink site its index and which operands are parameter-free (bit k for operand k).
/// </summary>
internal readonly record struct RowStep(IrNode Node, Slot Destination, Slot[] Operands, int Site, int ParameterFreeMask);
