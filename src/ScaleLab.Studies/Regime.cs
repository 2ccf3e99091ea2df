using ScaleLab.Data;

namespace ScaleLab.Studies;

/// <summary>
/// A scaling regime measured by a study: the runs of one group, the scale variable swept (D or N)
/// and the metric whose power-law exponent is compared with theory (Bahri et al. 2021, SCIENCE.md §7).
/// </summary>
/// <param name="Name">Display name, e.g. <c>resolution-limited, data</c>.</param>
/// <param name="Group">The <see cref="PlannedRun.Group"/> of its runs.</param>
/// <param name="Variable">The swept variable: <see cref="ScaleVariable.Tokens"/> (D) or <see cref="ScaleVariable.Parameters"/> (N or P).</param>
/// <param name="Metric">Held-out metric fitted, e.g. <c>loss</c> or <c>excess_loss</c> (loss above the infinite-D or infinite-P limit).</param>
/// <param name="TheoryExponent">The exponent theory predicts.</param>
/// <param name="TheoryLabel">Where it comes from, e.g. <c>1</c>, <c>4/d</c>, <c>alpha_K</c>.</param>
public sealed record Regime(string Name, string Group, ScaleVariable Variable, string Metric, double TheoryExponent, string TheoryLabel);
