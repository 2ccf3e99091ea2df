namespace ScaleLab.Experiments.Specs;

/// <summary>How the student's P features are made from the teacher's S features (Bahri et al. §2.3, projector 𝒫).</summary>
public enum RandomFeatureProjection
{
    /// <summary>𝒫 keeps the first P teacher features (the largest eigenvalues).</summary>
    Coordinate,

    /// <summary>𝒫 is a P×S matrix with i.i.d. N(0, 1/P) entries.</summary>
    Gaussian,
}
