using ScaleLab.Data;

namespace ScaleLab.Studies;

/// <summary>
/// A scaling regime measured by a study: a set of its runs, the scale variable they sweep (D or N)
/// and the metric whose power-law exponent is compared with theory (Bahri et al. 2021; see
/// docs/studies.md). A run may belong to several regimes (the corner of a width × data grid does).
/// </summary>
/// <param name="Name">Display name, e.g. <c>resolution-limited, data</c>.</param>
/// <param name="Variable">The swept variable: <see cref="ScaleVariable.Tokens"/> (D) or <see cref="ScaleVariable.Parameters"/> (N or P).</param>
/// <param name="Metric">Held-out metric fitted, e.g. <c>loss</c> or <c>excessLoss</c> (loss above the infinite-D or all-feature limit).</param>
/// <param name="TheoryExponent">The exponent theory predicts.</param>
/// <param name="TheoryLabel">Where it comes from, e.g. <c>1</c>, <c>4/d</c>, <c>alpha_K</c>.</param>
/// <param name="RunKeys">Keys of the runs fitted.</param>
public sealed record Regime(string Name, ScaleVariable Variable, string Metric, double TheoryExponent, string TheoryLabel, IReadOnlyList<string> RunKeys)
{
    /// <summary>What the reader should know when comparing with theory, or null.</summary>
    public string? Note { get; init; }

    /// <summary>How the finite sizes of the sweep are expected to move the measured exponent away from the theory's, or null when nothing is known.</summary>
    public FiniteSizeEffect? FiniteSize { get; init; }
}
