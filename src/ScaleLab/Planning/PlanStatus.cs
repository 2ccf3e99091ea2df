namespace ScaleLab.Planning;

/// <summary>Outcome of planning.</summary>
public enum PlanStatus
{
    /// <summary>The optimum was found; diagnostics hold at most informational notes.</summary>
    Solved,

    /// <summary>The optimum was found but a diagnostic warns about trusting it (extrapolation, search edge, …).</summary>
    SolvedWithWarnings,

    /// <summary>No allocation could be produced (e.g. the target loss is below the law's floor).</summary>
    Failed,
}
