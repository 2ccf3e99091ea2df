using ScaleLab.Uncertainty;

namespace ScaleLab.Metrics;

/// <summary>Coverage at k samples: the mean pass@k over the problems, its binomial standard error and interval over them.</summary>
/// <param name="Samples">k.</param>
/// <param name="Coverage">Mean unbiased pass@k over the problems.</param>
/// <param name="StandardError">√(c(1 − c)/P) over P problems.</param>
/// <param name="Interval">Wilson interval over the P problems.</param>
/// <param name="Problems">P, the problems with at least k samples.</param>
public sealed record CoveragePoint(int Samples, double Coverage, double StandardError, Interval Interval, int Problems);
