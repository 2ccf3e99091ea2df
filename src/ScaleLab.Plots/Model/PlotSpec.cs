namespace ScaleLab.Plots.Model;

/// <summary>
/// Everything one plot shows, computed from observations and a fit and free of any drawing
/// library: axes, series and spans. <see cref="Rendering.PlotRenderer"/> draws it.
/// </summary>
public sealed record PlotSpec
{
    /// <summary>Title above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>Horizontal axis.</summary>
    public required PlotAxis X { get; init; }

    /// <summary>Vertical axis.</summary>
    public required PlotAxis Y { get; init; }

    /// <summary>Series in drawing order (bands first so that points stay visible).</summary>
    public required IReadOnlyList<PlotSeries> Series { get; init; }

    /// <summary>Shaded x ranges and vertical markers.</summary>
    public IReadOnlyList<PlotSpan> Spans { get; init; } = [];

    /// <summary>What the colour of toned series encodes (e.g. <c>tokens D</c>), or null.</summary>
    public string? ToneLabel { get; init; }

    /// <summary>Legend in the upper-right corner of the data area instead of beside it (plots whose data leave that corner empty).</summary>
    public bool LegendInside { get; init; }

    /// <summary>A sentence under the plot: what is drawn and what is missing.</summary>
    public string? Caption { get; init; }

    /// <summary>The first series with this label, or null.</summary>
    public PlotSeries? Find(string label) => Series.FirstOrDefault(s => s.Label == label);
}
