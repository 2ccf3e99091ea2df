namespace ScaleLab.Experiments.Theory;

/// <summary>
/// Closed-form predictions of Bahri, Dyer, Kaplan, Lee, Sharma 2021, "Explaining Neural Scaling
/// Laws" (arXiv:2102.06701), used to check the trainers' measured exponents (docs/studies.md).
/// </summary>
public static class BahriTheory
{
    /// <summary>Variance-limited exponent in D or in width/P (Theorem 1): fluctuations are O(1/D), O(1/w).</summary>
    public const double VarianceLimitedExponent = 1.0;

    /// <summary>
    /// Resolution-limited exponent for a smooth model with MSE on a d-dimensional data manifold:
    /// α ≈ n/d with n = 4 for a piecewise-linear approximation (the paper's estimate; the
    /// rigorous bound of Theorems 2–3 is n = 1).
    /// </summary>
    public static double ResolutionLimitedExponent(int dimension, double order = 4.0)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), $"dimension must be ≥ 1 (got {dimension})");
        return order / dimension;
    }

    /// <summary>Spectrum λ_i = i^−(1+α_K) of the random-feature model at index i ≥ 1.</summary>
    public static double Eigenvalue(long i, double alphaK) => Math.Pow(i, -(1 + alphaK));

    /// <summary>
    /// Σ_{i&gt;n} i^−s for s &gt; 1, by summing the first terms exactly and the rest with the
    /// Euler–Maclaurin formula (error far below 1e-12 for the exponents used here).
    /// </summary>
    public static double TailSum(long n, double s)
    {
        if (s <= 1) throw new ArgumentOutOfRangeException(nameof(s), $"the tail sum diverges for s ≤ 1 (got {s})");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
        long m = Math.Max(n + 1, 1000);
        double sum = 0;
        for (long i = n + 1; i < m; i++) sum += Math.Pow(i, -s);
        // Σ_{i≥m} f(i) = ∫_m^∞ f + f(m)/2 − f'(m)/12 + f'''(m)/720 − …, f(x) = x^−s.
        double fm = Math.Pow(m, -s);
        sum += Math.Pow(m, 1 - s) / (s - 1) + fm / 2 + s * fm / (12.0 * m) - s * (s + 1) * (s + 2) * fm / (720.0 * m * m * m);
        return sum;
    }

    /// <summary>The large-α_K estimate of the tail (eq. 4–5): Σ_{i&gt;n} i^−(1+α_K) ≈ n^−α_K / α_K.</summary>
    public static double TailIntegral(double n, double alphaK) => Math.Pow(n, -alphaK) / alphaK;

    /// <summary>
    /// Infinite-data loss of the coordinate-projected random-feature student, averaged over the
    /// teacher: L(P) = (1/2S)·Σ_{i=P+1..S} i^−(1+α_K) (Bahri et al. eq. 1 for the coordinate projector).
    /// </summary>
    public static double CoordinateProjectorLoss(int features, int parameters, double alphaK)
    {
        double sum = 0;
        for (long i = features; i > parameters; i--) sum += Eigenvalue(i, alphaK);
        return sum / (2.0 * features);
    }
}
