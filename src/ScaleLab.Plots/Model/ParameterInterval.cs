namespace ScaleLab.Plots.Model;

/// <summary>An interval for one parameter (published units).</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="Level">Coverage, e.g. 0.8 for a 10–90 % percentile interval.</param>
/// <param name="Method">How it was obtained, e.g. <c>percentile bootstrap</c>.</param>
public sealed record ParameterInterval(double Lower, double Upper, double Level, string Method);
