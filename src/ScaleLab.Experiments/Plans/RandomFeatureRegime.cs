namespace ScaleLab.Experiments.Plans;

/// <summary>The four regimes of Bahri et al. 2021 as the random-feature study measures them (docs/studies.md).</summary>
public enum RandomFeatureRegime
{
    /// <summary>P ≫ D: loss against D with all S features; exponent α_K.</summary>
    ResolutionData,

    /// <summary>D ≫ P: loss against P on infinite data (coordinate projector, eq. 1); exponent α_K.</summary>
    ResolutionModel,

    /// <summary>D ≫ P: L(D,P) − L(P) against D at small P; exponent 1.</summary>
    VarianceData,

    /// <summary>P ≫ D: L(D,P) − L(D) against P at small D; exponent 1.</summary>
    VarianceModel,
}
