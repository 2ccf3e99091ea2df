namespace ScaleLab.Fitting;

/// <summary>The per-point loss ρ(r) summed by an objective.</summary>
public enum LossKind
{
    /// <summary>Huber: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond (Hoffmann et al. 2022, δ = 1e-3).</summary>
    Huber,

    /// <summary>Squared error ½r².</summary>
    Squared,

    /// <summary>
    /// Absolute error with over-predictions weighted: |r|·(r &gt; 0 ? w : 1) for r = ŷ − y, i.e. the negative
    /// residuals y − ŷ of kyo-takano/chinchilla's <c>asymmetric_mae</c>; the fit hugs the lower envelope.
    /// </summary>
    AsymmetricAbsolute,
}
