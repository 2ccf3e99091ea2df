using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>What to select runs for: a law, the runs so far, the candidate runs with their costs, and the target.</summary>
/// <param name="Law">Any law with <see cref="ScalingLaw.EvaluateLog"/> and its Jacobian (built-in or formula).</param>
/// <param name="Runs">Runs already trained (metric known; may be empty).</param>
/// <param name="Candidates">Runs that could be trained next.</param>
/// <param name="Target">The quantities the study is for.</param>
public sealed record DesignProblem(ScalingLaw Law, IReadOnlyList<Observation> Runs, IReadOnlyList<DesignCandidate> Candidates, DesignTarget Target);
