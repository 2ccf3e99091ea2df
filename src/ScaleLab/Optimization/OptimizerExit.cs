namespace ScaleLab.Optimization;

/// <summary>Why a minimisation stopped (after Math.NET's <c>ExitCondition</c>).</summary>
public enum OptimizerExit
{
    /// <summary>Projected gradient small relative to |f|.</summary>
    GradientSmall,

    /// <summary>Relative decrease of f below the tolerance.</summary>
    FunctionConverged,

    /// <summary>The step became negligible relative to x.</summary>
    StepNegligible,

    /// <summary>f reached zero (an exact fit).</summary>
    ExactFit,

    /// <summary>The line search could not decrease f along a descent direction.</summary>
    LineSearchFailed,

    /// <summary>
    /// No measurable decrease is left: steepest descent promises less than the rounding error of f
    /// (converged, though the gradient need not be small relative to f in an ill-conditioned valley).
    /// </summary>
    RoundingLevel,

    /// <summary>The iteration limit was reached.</summary>
    MaxIterations,

    /// <summary>f was not finite at the start.</summary>
    NonFiniteStart,
}
