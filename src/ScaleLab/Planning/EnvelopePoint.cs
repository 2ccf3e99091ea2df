namespace ScaleLab.Planning;

/// <summary>One point of the lower envelope: at compute C, the run with the lowest loss.</summary>
/// <param name="Compute">Grid value of C.</param>
/// <param name="Run">Key of the winning run.</param>
/// <param name="Parameters">Its N.</param>
/// <param name="Tokens">Tokens it had seen at C.</param>
/// <param name="Loss">Its interpolated loss at C.</param>
/// <param name="FractionOfRun">Tokens at C over the run's final tokens (Hoffmann: all selected points fall in the last 15%).</param>
public sealed record EnvelopePoint(double Compute, string Run, double Parameters, double Tokens, double Loss, double FractionOfRun);
