namespace ScaleLab.Planning;

/// <summary>A percentile interval of a planned quantity over bootstrap parameter samples.</summary>
/// <param name="Lower">Lower percentile.</param>
/// <param name="Upper">Upper percentile.</param>
/// <param name="Level">Coverage, e.g. 0.8 for the 10th–90th percentiles.</param>
/// <param name="Samples">Bootstrap samples that gave a finite value.</param>
public sealed record PlanInterval(double Lower, double Upper, double Level, int Samples);
