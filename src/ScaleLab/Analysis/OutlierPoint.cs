namespace ScaleLab.Analysis;

/// <summary>
/// One run the outlier check singles out: its residual lies beyond k·MAD of the others, or leaving it out moves a
/// parameter by more than one standard error (or both).
/// </summary>
/// <param name="Row">1-based data row in the source file (0 for runs made in code).</param>
/// <param name="Index">Position of the run among the fitted points.</param>
/// <param name="LogResidual">ln y − ln ŷ at the fit of all runs.</param>
/// <param name="RobustZ">0.6745·(r − median r)/MAD: a standard-normal score that a few wild runs cannot inflate.</param>
/// <param name="Influence">
/// Largest change of a free parameter (internal coordinates, ln for scale parameters) when this run is left out, in
/// standard errors of that parameter.
/// </param>
/// <param name="Shifts">The parameters refitted without this run, by published name.</param>
public sealed record OutlierPoint(int Row, int Index, double LogResidual, double RobustZ, double Influence, IReadOnlyDictionary<string, double> Shifts)
{
    /// <summary>The residual lies beyond the report's k·MAD.</summary>
    public bool IsResidualOutlier { get; init; }

    /// <summary>Leaving the run out moves a parameter by more than one standard error.</summary>
    public bool IsInfluential => Influence > 1;
}
