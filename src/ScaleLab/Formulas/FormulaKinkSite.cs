namespace ScaleLab.Formulas;

/// <summary>
/// A place where a law is not smooth in its parameters: a call of min, max, clamp, abs or sign whose
/// arguments depend on a parameter. Calls on data alone (such as <c>max(D/U - 1, 0)</c>) are not
/// kinks of the fit and are not listed.
/// </summary>
/// <param name="Index">Position in <see cref="CompiledFormula.KinkSites"/> and in the activity span of an evaluation.</param>
/// <param name="Function">min, max, clamp, abs or sign.</param>
/// <param name="Subject">Where the call is: <c>formula</c> or <c>definition 'U_N'</c>.</param>
/// <param name="Position">0-based offset of the call in that text.</param>
/// <param name="Text">The call in canonical form, e.g. <c>min(N, N_opt)</c>.</param>
public sealed record FormulaKinkSite(int Index, string Function, string Subject, int Position, string Text);
