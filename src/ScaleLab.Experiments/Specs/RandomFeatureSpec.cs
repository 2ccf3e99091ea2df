namespace ScaleLab.Experiments.Specs;

/// <summary>
/// One random-feature teacher–student experiment (Bahri et al. 2021 §2.3, in the form docs/studies.md describes):
/// Gaussian features F(x) = Λ^(1/2) z with λ_i = i^−(1+α_K), teacher weights ω ~ N(0, 1/S), student
/// = minimum-norm least squares on P projected features, exact population loss averaged over draws.
/// </summary>
/// <param name="Features">S, the number of teacher features; must be ≫ max(D, P) to see the resolution-limited exponents.</param>
/// <param name="AlphaK">α_K, the exponent of the feature spectrum λ_i = i^−(1+α_K).</param>
/// <param name="Parameters">P, the number of student features (≤ S).</param>
/// <param name="Samples">D, training samples; null trains on infinite data (eq. 1, averaged over the teacher exactly).</param>
/// <param name="Projection">How the student's features are made from the teacher's.</param>
/// <param name="Draws">Independent draws of teacher, projector and data averaged into one result.</param>
/// <param name="Seed">Seed of the draws; draw k depends only on (Seed, k), so runs differing only in D or P share their teachers.</param>
/// <param name="Reference">A loss subtracted draw by draw to isolate a variance-limited term.</param>
/// <param name="AverageTeacher">Average the population loss over ω ~ N(0, I/S) exactly for each draw of
/// data and projector (as eq. 1–2 do) instead of using the drawn teacher; removes the teacher's share of
/// the noise, which dominates small variance-limited differences.</param>
public sealed record RandomFeatureSpec(
    int Features,
    double AlphaK,
    int Parameters,
    int? Samples,
    RandomFeatureProjection Projection = RandomFeatureProjection.Coordinate,
    int Draws = 40,
    long Seed = 0,
    RandomFeatureReference Reference = RandomFeatureReference.None,
    bool AverageTeacher = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Features < 1) throw new ArgumentException($"features must be ≥ 1 (got {Features})", nameof(Features));
        if (!double.IsFinite(AlphaK) || AlphaK <= 0) throw new ArgumentException($"alphaK must be a positive number (got {AlphaK})", nameof(AlphaK));
        if (Parameters < 1 || Parameters > Features) throw new ArgumentException($"parameters must be in 1..features={Features} (got {Parameters})", nameof(Parameters));
        if (Samples is < 1) throw new ArgumentException($"samples must be ≥ 1 or absent for infinite data (got {Samples})", nameof(Samples));
        if (Draws < 1) throw new ArgumentException($"draws must be ≥ 1 (got {Draws})", nameof(Draws));
        if (Samples is null && Reference != RandomFeatureReference.None) throw new ArgumentException("a reference loss needs a finite number of samples", nameof(Reference));
    }
}
