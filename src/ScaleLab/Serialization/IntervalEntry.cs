namespace ScaleLab.Serialization;

/// <summary>A confidence interval of one parameter in a <see cref="FitDocument"/>.</summary>
/// <param name="Lower">Lower end, in published units.</param>
/// <param name="Upper">Upper end, in published units.</param>
/// <param name="Level">Coverage, e.g. 0.8 for an 80 % interval.</param>
/// <param name="Method">How it was computed, e.g. <c>percentile-bootstrap</c>.</param>
public sealed record IntervalEntry(double Lower, double Upper, double Level, string Method);
