namespace ScaleLab.Optimization;

/// <summary>Result of a one-dimensional minimisation.</summary>
/// <param name="X">The minimiser.</param>
/// <param name="Value">f at the minimiser.</param>
/// <param name="Evaluations">Function evaluations used.</param>
/// <param name="AtEdge">True when the best scanned point was an end of the interval: the minimum may lie outside it.</param>
/// <param name="Found">False when f was not finite anywhere on the scan.</param>
public sealed record ScalarMinimum(double X, double Value, int Evaluations, bool AtEdge, bool Found);
