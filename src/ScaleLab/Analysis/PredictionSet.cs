using ScaleLab.Diagnostics;

namespace ScaleLab.Analysis;

/// <summary>The predictions of a fitted law at some points, in their order, and what is worth saying about them.</summary>
public sealed record PredictionSet
{
    /// <summary>One prediction per point.</summary>
    public required IReadOnlyList<Prediction> Points { get; init; }

    /// <summary>The level of the intervals, or null when the predictions have none.</summary>
    public double? Level { get; init; }

    /// <summary>Warnings such as extrapolation far beyond the fitted data.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}
