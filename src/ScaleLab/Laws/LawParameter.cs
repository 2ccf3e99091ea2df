namespace ScaleLab.Laws;

/// <summary>
/// One parameter of a law: its published name, how the optimizer sees it, and its bounds in
/// published units (infinite where the law allows any value).
/// </summary>
/// <param name="Name">The paper's name, e.g. <c>alpha</c>, <c>E</c>, <c>N_c</c>.</param>
/// <param name="Transform">Identity, or log for positive scale parameters.</param>
/// <param name="Description">One line for tables and reports.</param>
public sealed record LawParameter(string Name, ParameterTransform Transform, string Description)
{
    /// <summary>Lower bound in published units.</summary>
    public double Lower { get; init; } = double.NegativeInfinity;

    /// <summary>Upper bound in published units.</summary>
    public double Upper { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// A published value the parameter is held at unless the fit fixes it otherwise (a law file's <c>fixed = value</c>);
    /// null for a fitted parameter.
    /// </summary>
    public double? Fixed { get; init; }

    /// <summary>Published value → optimizer coordinate.</summary>
    public double ToInternal(double value) => Transform == ParameterTransform.Log ? Math.Log(value) : value;

    /// <summary>Optimizer coordinate → published value.</summary>
    public double FromInternal(double value) => Transform == ParameterTransform.Log ? Math.Exp(value) : value;

    /// <summary>Lower bound as an optimizer coordinate.</summary>
    public double InternalLower => Transform == ParameterTransform.Log ? (Lower > 0 ? Math.Log(Lower) : double.NegativeInfinity) : Lower;

    /// <summary>Upper bound as an optimizer coordinate.</summary>
    public double InternalUpper => Transform == ParameterTransform.Log ? Math.Log(Upper) : Upper;

    /// <summary>A scale parameter fitted on the log scale (positive).</summary>
    public static LawParameter Scale(string name, string description) => new(name, ParameterTransform.Log, description) { Lower = 0 };

    /// <summary>An exponent or other parameter fitted as is.</summary>
    public static LawParameter Plain(string name, string description) => new(name, ParameterTransform.Identity, description);
}
