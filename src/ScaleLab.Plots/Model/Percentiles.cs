using ScaleLab.Numerics;

namespace ScaleLab.Plots.Model;

/// <summary>How many bootstrap samples a band or an interval drawn from samples needs (the quantiles are <see cref="Quantile"/>'s).</summary>
internal static class Percentiles
{
    /// <summary>Fewer samples than this give no band: a 10–90 % interval from a handful of refits is noise.</summary>
    public const int MinimumSamples = 20;
}
