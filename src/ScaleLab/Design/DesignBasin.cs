namespace ScaleLab.Design;

/// <summary>
/// One local optimum of the fit that the multistart reached, with the weight the data give it against the
/// others (its likelihood with the noise scale profiled out, equivalently its BIC, as every basin has the
/// same parameters) and what it predicts at the target.
/// </summary>
public sealed record DesignBasin
{
    /// <summary>0-based index, by weight (0 is the best).</summary>
    public required int Index { get; init; }

    /// <summary>Internal coordinates of the optimum (full θ, fixed values included).</summary>
    public required double[] Theta { get; init; }

    /// <summary>Published parameter values by name.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>The fit's objective there (summed over runs).</summary>
    public required double Objective { get; init; }

    /// <summary>Posterior weight among the basins kept (they sum to 1).</summary>
    public required double Weight { get; init; }

    /// <summary>How many starts ended in this basin.</summary>
    public required int Starts { get; init; }

    /// <summary>The basin's prediction of each target quantity (natural units).</summary>
    public required IReadOnlyList<double> TargetEstimates { get; init; }
}
