using ScaleLab.Laws;

namespace ScaleLab.Formulas;

/// <summary>
/// What a law file (or the command line) says about one parameter: bounds, where starts are drawn,
/// whether it is searched in log space, and a fixed value if it is not fitted.
/// </summary>
/// <param name="Name">The parameter's name in the formula.</param>
public sealed record FormulaParameter(string Name)
{
    /// <summary>Lower bound (−∞ when unbounded).</summary>
    public double Lower { get; init; } = double.NegativeInfinity;

    /// <summary>Upper bound (+∞ when unbounded).</summary>
    public double Upper { get; init; } = double.PositiveInfinity;

    /// <summary>Lower end of the range starts are drawn from, when narrower than the bounds.</summary>
    public double? StartLower { get; init; }

    /// <summary>Upper end of the range starts are drawn from.</summary>
    public double? StartUpper { get; init; }

    /// <summary>True for a scale parameter fitted and searched in log space; null to decide from the range (see <see cref="SearchesInLogSpace"/>).</summary>
    public bool? Log { get; init; }

    /// <summary>A value the parameter is held at instead of being fitted, or null.</summary>
    public double? Fixed { get; init; }

    /// <summary>One line for tables and reports.</summary>
    public string Description { get; init; } = "";

    /// <summary>The unit of the parameter's value, if it has one.</summary>
    public string Unit { get; init; } = "";

    /// <summary>The range starts are drawn from: the start range where given, else the bounds.</summary>
    public (double Lower, double Upper) StartRange => (StartLower ?? Lower, StartUpper ?? Upper);

    /// <summary>
    /// True when starts are spread in log space: the law says <c>log = true</c>, or it says nothing and the
    /// start range is positive and spans more than two decades (uniform starts in [1e-3, 1e10] would all
    /// land near 1e10).
    /// </summary>
    public bool SearchesInLogSpace
    {
        get
        {
            if (Log is { } log) return log;
            var (lo, hi) = StartRange;
            return lo > 0 && double.IsFinite(hi) && hi / lo > 100;
        }
    }

    /// <summary>The optimizer coordinate: log for <c>log = true</c>, else the value itself.</summary>
    public ParameterTransform Transform => Log == true ? ParameterTransform.Log : ParameterTransform.Identity;
}
