namespace ScaleLab.Design;

/// <summary>The outcome of a design simulation: every replicate, and the mean ± s.d. per study, budget and strategy.</summary>
public sealed record DesignSimulationResult
{
    /// <summary>Every (study, replicate, budget, strategy), in task order.</summary>
    public required IReadOnlyList<DesignReplicate> Replicates { get; init; }

    /// <summary>Mean ± s.d. per (study, budget, strategy), in the order of the options.</summary>
    public required IReadOnlyList<StrategyScore> Scores { get; init; }

    /// <summary>
    /// True when ScaleLab's selection beats every other strategy on <paramref name="scenario"/> at <paramref name="fraction"/>
    /// on average: a lower mean RMSLE and a higher mean R² than each.
    /// </summary>
    public bool ScaleLabWins(string scenario, double fraction)
    {
        var here = Scores.Where(s => s.Scenario == scenario && s.Fraction == fraction).ToArray();
        var own = here.Single(s => s.Strategy == SelectionStrategy.ScaleLab);
        return here.Where(s => s.Strategy != SelectionStrategy.ScaleLab).All(s => own.MeanRmsle < s.MeanRmsle && own.MeanRSquared > s.MeanRSquared);
    }
}
