namespace ScaleLab.Planning;

/// <summary>Which question a <see cref="Plan"/> answers.</summary>
public enum PlanKind
{
    /// <summary>Lowest loss for a training-compute budget (Hoffmann et al. 2022 eq. 1).</summary>
    ComputeOptimal,

    /// <summary>Least training compute that reaches a target loss.</summary>
    TargetLoss,

    /// <summary>Least training + inference FLOPs (or cost) for a target loss and inference demand (Sardana &amp; Frankle 2023).</summary>
    InferenceAware,

    /// <summary>Lowest loss for a budget when unique data are limited and may be repeated (Muennighoff et al. 2023).</summary>
    DataConstrained,

    /// <summary>Kaplan et al. 2020's empirical compute-efficient frontier (N ∝ C^0.73).</summary>
    KaplanFrontier,
}
