namespace ScaleLab.Fitting;

/// <summary>Whether a fit can be trusted as a local optimum of its objective.</summary>
public enum FitStatus
{
    /// <summary>The best start met a convergence test.</summary>
    Converged,

    /// <summary>The best start stopped without meeting a convergence test; the reason says why.</summary>
    NotConverged,

    /// <summary>No start produced a finite objective.</summary>
    Failed,
}
