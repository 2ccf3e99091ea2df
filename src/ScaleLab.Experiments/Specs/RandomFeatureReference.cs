namespace ScaleLab.Experiments.Specs;

/// <summary>
/// A loss subtracted draw by draw (same teacher, projector and data) to isolate a variance-limited
/// term (Bahri et al. Theorem 1): L(D,P) − L(P) scales as 1/D, L(D,P) − L(D) as 1/P.
/// </summary>
public enum RandomFeatureReference
{
    /// <summary>Report the loss itself.</summary>
    None,

    /// <summary>Subtract L(P): the same student trained on infinite data (population optimum).</summary>
    InfiniteData,

    /// <summary>Subtract L(D): a student with all S teacher features trained on the same D samples.</summary>
    AllFeatures,
}
