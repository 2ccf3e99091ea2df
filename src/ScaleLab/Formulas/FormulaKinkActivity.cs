namespace ScaleLab.Formulas;

/// <summary>
/// How one kink site behaved in one evaluation. A row is <em>binding</em> where the value passed
/// through does not depend on the parameters (a clamp held at a constant bound, a max that picked
/// its constant or data argument, and every row of sign): there the gradient through the site is
/// zero, so a start with every row binding is stalled. A row is a <em>tie</em> where the site sits
/// exactly on its kink (two arguments of min or max equal, x at a bound of clamp, x = 0 for abs and
/// sign); the subgradient taken there is the first argument's (x's for clamp, 0 for abs).
/// </summary>
public struct FormulaKinkActivity
{
    /// <summary>Rows where the site passes through a parameter-free value.</summary>
    public int BindingRows { get; internal set; }

    /// <summary>Rows exactly at the kink.</summary>
    public int TieRows { get; internal set; }

    /// <summary>
    /// Smallest distance from the kink over the rows: |a − b| / max(|a|, |b|) between the value passed
    /// through and the nearest other candidate for min, max and clamp; |x| for abs and sign. The fitter
    /// compares it with its tolerance to say that an optimum sits on a kink.
    /// </summary>
    public double NearestGap { get; internal set; }

    internal void Reset()
    {
        BindingRows = 0;
        TieRows = 0;
        NearestGap = double.PositiveInfinity;
    }
}
