namespace ScaleLab.Plots.Model;

/// <summary>A shaded range of x (or a vertical line when <paramref name="From"/> equals <paramref name="To"/>), in data units.</summary>
/// <param name="From">Left edge.</param>
/// <param name="To">Right edge.</param>
/// <param name="Label">Legend text.</param>
/// <param name="Tone">Colour-scale position of a vertical line (as <see cref="PlotSeries.Tone"/>); null for grey.</param>
public sealed record PlotSpan(double From, double To, string Label, double? Tone = null);
