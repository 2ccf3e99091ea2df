namespace ScaleLab.Formulas.Compilation;

/// <summary>One parameter-only operation, computed once per evaluation into a scalar slot.</summary>
internal readonly record struct ScalarStep(IrNode Node, int Destination, int[] Operands, int Site, int ParameterFreeMask);
