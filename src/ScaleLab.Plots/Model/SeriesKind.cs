namespace ScaleLab.Plots.Model;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Markers only (observations, optima).</summary>
    Points,

    /// <summary>A line through the points in order (fitted curves).</summary>
    Line,

    /// <summary>A shaded band between <see cref="PlotSeries.Low"/> and <see cref="PlotSeries.High"/> (intervals).</summary>
    Band,

    /// <summary>Vertical bars from zero (histograms); <see cref="PlotSeries.Width"/> is the bar width.</summary>
    Bars,
}
