namespace ScaleLab.Store;

/// <summary>One evaluation during training: the run's learning curve is its points in step order.</summary>
/// <param name="Step">The optimiser step of the evaluation; unique within a run.</param>
/// <param name="Tokens">Tokens (or samples) seen by then, when the trainer reports them.</param>
/// <param name="Metrics">The metrics measured, by name (e.g. <c>loss</c>).</param>
public sealed record CurvePoint(long Step, double? Tokens, IReadOnlyDictionary<string, double> Metrics);
