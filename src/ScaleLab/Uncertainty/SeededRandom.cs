namespace ScaleLab.Uncertainty;

/// <summary>
/// A small seeded generator (SplitMix64, Steele, Lea &amp; Flood 2014) whose output is fixed by its
/// seed on every platform and runtime version, unlike <see cref="Random"/>. Independent streams for
/// parallel work come from <see cref="ForStream"/>, so results do not depend on the thread count.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;
    private double? _spareGaussian;

    /// <summary>Creates a generator from a seed.</summary>
    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>The generator for stream <paramref name="index"/> of a seed: (seed, index) → an independent stream.</summary>
    public static SeededRandom ForStream(ulong seed, long index)
    {
        // Two rounds of the SplitMix64 finaliser decorrelate neighbouring (seed, index) pairs.
        ulong z = Mix(seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        return new SeededRandom(Mix(z ^ 0xD1B54A32D192ED03UL));
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire 2019).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive");
        ulong range = (ulong)n;
        while (true)
        {
            ulong x = NextUInt64();
            UInt128 m = (UInt128)x * range;
            ulong low = (ulong)m;
            if (low >= range || low >= (0UL - range) % range) return (int)(m >> 64);
        }
    }

    /// <summary>Standard normal variate (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare) { _spareGaussian = null; return spare; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
