namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// What a value depends on, which decides when it is computed: constants at compile time, data-only
/// values once per dataset, parameter-only values once per evaluation, row values for every row of
/// every evaluation.
/// </summary>
[Flags]
internal enum IrClass : byte
{
    Constant = 0,
    Data = 1,
    Parameters = 2,
    Row = Data | Parameters,
}
