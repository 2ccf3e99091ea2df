namespace ScaleLab.Plots.Model;

/// <summary>
/// One drawable series in data units (not logs: the renderer takes logs for log axes). The values
/// are what tests check, so a plot's content can be verified without looking at pixels.
/// </summary>
public sealed record PlotSeries
{
    /// <summary>Legend text; empty for series that should not appear in the legend.</summary>
    public required string Label { get; init; }

    /// <summary>How the series is drawn.</summary>
    public required SeriesKind Kind { get; init; }

    /// <summary>Abscissae.</summary>
    public required double[] X { get; init; }

    /// <summary>Ordinates (the central curve for bands, counts for bars).</summary>
    public required double[] Y { get; init; }

    /// <summary>Lower edge of a band.</summary>
    public double[]? Low { get; init; }

    /// <summary>Upper edge of a band.</summary>
    public double[]? High { get; init; }

    /// <summary>
    /// Position in [0, 1] on the plot's colour scale (series that encode a third variable); null
    /// for the neutral colour of the kind (black fitted law, grey band).
    /// </summary>
    public double? Tone { get; init; }

    /// <summary>Dashed line (extrapolation, theory).</summary>
    public bool Dashed { get; init; }

    /// <summary>Bar width in data units (bars only).</summary>
    public double Width { get; init; }
}
