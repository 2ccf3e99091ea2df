namespace ScaleLab.Plots.Model;

/// <summary>One axis of a plot: what it shows, in which unit, and whether it is logarithmic.</summary>
/// <param name="Label">The quantity, e.g. <c>parameters N</c>.</param>
/// <param name="Unit">The unit, e.g. <c>FLOPs</c>; null for dimensionless quantities.</param>
/// <param name="Log">True for a log10 axis with decade ticks.</param>
public sealed record PlotAxis(string Label, string? Unit, bool Log)
{
    /// <summary>Label with the unit in brackets, as printed on the axis.</summary>
    public string Title => Unit is null ? Label : $"{Label} [{Unit}]";
}
