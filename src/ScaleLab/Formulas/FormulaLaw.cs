namespace ScaleLab.Formulas;

/// <summary>
/// A law worth keeping, as a law file describes it: the checked formula with its definitions, which
/// column each variable reads, what is known about each parameter (in θ order), the target, the
/// citation, named starts and derived quantities. Immutable; <see cref="Compile"/> gives the evaluator.
/// </summary>
/// <param name="Name">Short name (used on the command line and in saved fits).</param>
/// <param name="Program">The formula and definitions, symbols classified.</param>
/// <param name="Variables">Each variable's column, in the file's order.</param>
/// <param name="Parameters">Every parameter of the formula in θ order: the file's order, then any it did not list in order of first use.</param>
/// <param name="Target">The metric column and residual space, or null to use the usual metric column.</param>
/// <param name="Citation">Where the law comes from.</param>
/// <param name="Description">What the law is for (may be empty).</param>
/// <param name="Starts">Named starts (e.g. the published fit).</param>
/// <param name="Derived">Quantities computed from the fitted parameters.</param>
/// <param name="File">The file the law was read from, or null.</param>
public sealed record FormulaLaw(
    string Name,
    FormulaProgram Program,
    IReadOnlyList<FormulaVariable> Variables,
    IReadOnlyList<FormulaParameter> Parameters,
    FormulaTarget? Target,
    string Citation,
    string Description,
    IReadOnlyList<NamedStart> Starts,
    IReadOnlyList<FormulaDerived> Derived,
    string? File)
{
    /// <summary>
    /// The training cost C(N, D) in FLOPs that plans hold fixed (a law file's <c>cost</c>), or null for C = 6ND.
    /// It reads only the variables N and D.
    /// </summary>
    public FormulaNode? Cost { get; init; }

    /// <summary>The cost as written, or null.</summary>
    public string? CostText { get; init; }

    /// <summary>Compiles the law with θ in <see cref="Parameters"/> order and each parameter's transform.</summary>
    public CompiledFormula Compile() =>
        CompiledFormula.Compile(Program, Parameters.Select(p => p.Name).ToArray(), Parameters.Select(p => p.Transform).ToArray());

    /// <summary>The column a variable reads.</summary>
    public string ColumnOf(string symbol) => Variables.First(v => v.Symbol == symbol).Column;
}
