namespace ScaleLab.Comparison;

/// <summary>One law over many comparisons (e.g. the curves of a benchmark).</summary>
/// <param name="Law">Law name.</param>
/// <param name="Comparisons">Comparisons it took part in with a finite held-out error.</param>
/// <param name="Wins">Comparisons it ranked first in.</param>
/// <param name="MeanRmsle">Mean held-out RMSLE.</param>
/// <param name="MedianRmsle">Median held-out RMSLE.</param>
public sealed record LawSummary(string Law, int Comparisons, int Wins, double MeanRmsle, double MedianRmsle);
