namespace ScaleLab.Uncertainty;

/// <summary>Outcome of a coverage simulation.</summary>
/// <param name="Truth">True value of the checked quantity (a = beta/(alpha+beta)).</param>
/// <param name="Intervals">The interval of every replicate data set.</param>
/// <param name="Coverage">Share of replicates whose interval contains the truth.</param>
/// <param name="CoverageStandardError">Binomial standard error of the coverage, √(p(1−p)/R) at the nominal level p.</param>
/// <param name="MedianWidth">Median interval width.</param>
/// <param name="FailedResamples">Bootstrap refits that failed, over all replicates.</param>
/// <param name="Options">The settings used.</param>
public sealed record CoverageResult(double Truth, IReadOnlyList<Interval> Intervals, double Coverage, double CoverageStandardError,
    double MedianWidth, int FailedResamples, CoverageOptions Options);
