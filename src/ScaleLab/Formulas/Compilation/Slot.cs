namespace ScaleLab.Formulas.Compilation;

/// <summary>Where a value lives during an evaluation.</summary>
internal enum SlotKind : byte
{
    /// <summary>A block-sized buffer of the workspace (row values).</summary>
    Work,

    /// <summary>A per-dataset column computed at binding (data-only values and the variables).</summary>
    Data,

    /// <summary>The caller's output: 0 for the prediction, 1 + j for column j of the Jacobian.</summary>
    Output,

    /// <summary>One number per evaluation (constants, parameters, parameter-only values).</summary>
    Scalar,
}

/// <summary>A value's location: its kind and index.</summary>
internal readonly record struct Slot(SlotKind Kind, int Index);
