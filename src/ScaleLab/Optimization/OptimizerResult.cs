namespace ScaleLab.Optimization;

/// <summary>The outcome of one local minimisation.</summary>
/// <param name="X">The final point.</param>
/// <param name="Value">f at <paramref name="X"/>.</param>
/// <param name="GradientNorm">Max-norm of the projected gradient at <paramref name="X"/>.</param>
/// <param name="Iterations">Quasi-Newton iterations taken.</param>
/// <param name="Evaluations">Function-and-gradient evaluations.</param>
/// <param name="Exit">Why it stopped.</param>
public sealed record OptimizerResult(double[] X, double Value, double GradientNorm, int Iterations, int Evaluations, OptimizerExit Exit)
{
    /// <summary>True for the exits that mean a local minimum was reached.</summary>
    public bool Converged => Exit is OptimizerExit.GradientSmall or OptimizerExit.FunctionConverged or OptimizerExit.ExactFit or OptimizerExit.StepNegligible
        or OptimizerExit.RoundingLevel;
}
