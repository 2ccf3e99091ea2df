namespace ScaleLab.Design;

/// <summary>How a sequential study picks its next run (the design simulation compares them).</summary>
public enum SelectionStrategy
{
    /// <summary>Uniformly at random among the affordable candidates.</summary>
    Random,

    /// <summary>The cheapest affordable candidate.</summary>
    CheapestFirst,

    /// <summary>At random with probability proportional to 1/cost.</summary>
    CostWeightedRandom,

    /// <summary>Cost-blind greedy D-optimal design in the best basin (after the shared cheap fill).</summary>
    DOptimal,

    /// <summary>Cost-blind greedy V-optimal design for the target in the best basin (after the shared cheap fill).</summary>
    VOptimal,

    /// <summary>ScaleLab's selection (<see cref="ExperimentDesigner"/>).</summary>
    ScaleLab,
}
