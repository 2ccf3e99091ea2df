using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// What a study is for, as a vector q(θ) of positive quantities whose logarithms the selection tries to pin
/// down: the law's prediction at target points (<see cref="TargetPoints"/>), or the loss, N_opt or D_opt
/// at a target compute (<see cref="ComputeOptimalTarget"/>). Errors are measured on ln q, so the target
/// mean squared error is a mean squared log error, like the RMSLE a held-out test reports.
/// </summary>
public abstract class DesignTarget
{
    /// <summary>Number of target quantities.</summary>
    public abstract int Count { get; }

    /// <summary>What is predicted: <c>loss</c> (or the metric), <c>N_opt</c> or <c>D_opt</c>.</summary>
    public abstract string Quantity { get; }

    /// <summary>The scale variables that define target quantity <paramref name="index"/> (for output).</summary>
    public abstract IReadOnlyList<(ScaleVariable Variable, double Value)> Variables(int index);

    /// <summary>Writes ln q_t(θ) for every target quantity; NaN where the law gives none.</summary>
    public abstract void Evaluate(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values);

    /// <summary>
    /// Writes ln q_t(θ) into <paramref name="values"/> and ∂ln q_t/∂θ_j into <c>gradient[j * Count + t]</c>
    /// (the layout of <see cref="ScalingLaw.EvaluateLog"/>'s Jacobian).
    /// </summary>
    public abstract void Gradient(ScalingLaw law, ReadOnlySpan<double> theta, Span<double> values, Span<double> gradient);
}
