using ScaleLab.Analysis;
using ScaleLab.Fitting;

namespace ScaleLab.Plots.Reports;

/// <summary>A fit in a report: the fitted law and, when one was made, its analysis (whose bootstrap gives intervals and bands).</summary>
/// <param name="Fit">The fitted law.</param>
/// <param name="Analysis">Its analysis, or null.</param>
public sealed record ReportFit(FittedLaw Fit, FitAnalysis? Analysis = null);
