using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// A study replayed run by run: a pool of candidate runs whose outcomes are known in advance (simulated from
/// a true law, or a real study's measured metrics) but revealed only when a strategy picks them.
/// </summary>
/// <param name="Law">The law fitted.</param>
/// <param name="Pool">The runs that may be picked.</param>
/// <param name="Outcomes">The metric each pool run reveals when picked (same order as the pool).</param>
/// <param name="Target">What the study is for.</param>
/// <param name="Initial">Pool indices trained before the first pick (revealed at the start).</param>
public sealed record SequentialProblem(ScalingLaw Law, IReadOnlyList<DesignCandidate> Pool, IReadOnlyList<double> Outcomes, DesignTarget Target, IReadOnlyList<int> Initial);
