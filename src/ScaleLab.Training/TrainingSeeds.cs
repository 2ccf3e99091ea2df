namespace ScaleLab.Training;

/// <summary>
/// Derives independent seeds for the parts of a run from the user's seed, so each part (teacher,
/// projector, data, initialisation, batch order) is reproducible on its own and runs that differ in
/// one size share the random numbers of everything else (common random numbers sharpen slopes).
/// </summary>
internal static class TrainingSeeds
{
    /// <summary>SplitMix64 finaliser of (seed, draw, part): a well-mixed 64-bit seed.</summary>
    public static ulong Derive(long seed, long draw, int part)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)draw * 0xBF58476D1CE4E5B9UL + (ulong)part * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Seed in the non-negative long range that torch.manual_seed accepts.</summary>
    public static long DeriveTorch(long seed, long draw, int part) => (long)(Derive(seed, draw, part) >> 1);
}
