namespace ScaleLab.Optimization;

/// <summary>
/// Called by <see cref="LbfgsMinimizer"/> after each accepted iteration with the new point and its objective;
/// returning true ends the run there (it then reports <see cref="OptimizerExit.MaxIterations"/>: stopped before
/// any convergence test passed).
/// </summary>
public delegate bool IterationMonitor(ReadOnlySpan<double> x, double value);
