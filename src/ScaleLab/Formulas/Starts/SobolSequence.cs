namespace ScaleLab.Formulas.Starts;

/// <summary>
/// The Sobol low-discrepancy sequence in up to 32 dimensions with the Joe–Kuo direction numbers
/// (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
/// SIAM J. Sci. Comput. 30, 2635–2654, 2008; the first 32 rows of new-joe-kuo-6.21201), generated in
/// Gray-code order (Antonov–Saleev). Point 0 is the origin; points 0 … 2^k − 1 are a (t, k, d)-net.
/// </summary>
internal sealed class SobolSequence
{
    public const int MaxDimensions = 32;
    private const int Bits = 31;

    // Primitive polynomials: degree s = bit length − 1, inner coefficients in the bits between.
    private static readonly int[] Polynomials =
        [1, 3, 7, 11, 13, 19, 25, 37, 41, 47, 55, 59, 61, 67, 91, 97, 103, 109, 115, 131, 137, 143, 145, 157, 167, 171, 185, 191, 193, 203, 211, 213];

    private static readonly int[][] Initial =
    [
        [], [1], [1, 3], [1, 3, 1], [1, 1, 1], [1, 1, 3, 3], [1, 3, 5, 13], [1, 1, 5, 5, 17], [1, 1, 5, 5, 5], [1, 1, 7, 11, 19],
        [1, 1, 5, 1, 1], [1, 1, 1, 3, 11], [1, 3, 5, 5, 31], [1, 3, 3, 9, 7, 49], [1, 1, 1, 15, 21, 21], [1, 3, 1, 13, 27, 49],
        [1, 1, 1, 15, 7, 5], [1, 3, 1, 15, 13, 25], [1, 1, 5, 5, 19, 61], [1, 3, 7, 11, 23, 15, 103], [1, 3, 7, 13, 13, 15, 69],
        [1, 1, 3, 13, 7, 35, 63], [1, 3, 5, 9, 1, 25, 53], [1, 3, 1, 13, 9, 35, 107], [1, 3, 1, 5, 27, 61, 31], [1, 1, 5, 11, 19, 41, 61],
        [1, 3, 5, 3, 3, 13, 69], [1, 1, 7, 13, 1, 19, 1], [1, 3, 7, 5, 13, 19, 59], [1, 1, 3, 9, 25, 29, 41], [1, 3, 5, 13, 23, 1, 55],
        [1, 3, 7, 3, 13, 59, 17],
    ];

    private readonly uint[,] _directions;
    private readonly uint[] _state;
    private long _index;

    public SobolSequence(int dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"1 to {MaxDimensions} dimensions");
        Dimensions = dimensions;
        _directions = new uint[dimensions, Bits];
        for (int d = 0; d < dimensions; d++)
        {
            int p = Polynomials[d], s = BitLength(p) - 1;
            var v = new uint[Bits];
            for (int j = 0; j < Bits; j++)
            {
                if (d == 0 || j < s) { v[j] = d == 0 ? 1u : (uint)Initial[d][j]; continue; }
                uint next = v[j - s];
                uint pow2 = 1;
                for (int k = 0; k < s; k++)
                {
                    pow2 <<= 1;
                    if (((p >> (s - 1 - k)) & 1) != 0) next ^= pow2 * v[j - k - 1];
                }
                v[j] = next;
            }
            for (int j = 0; j < Bits; j++) _directions[d, j] = v[j] << (Bits - 1 - j);
        }
        _state = new uint[dimensions];
    }

    public int Dimensions { get; }

    /// <summary>The next point in [0, 1)^d (the first call gives the origin).</summary>
    public double[] Next()
    {
        var point = new double[Dimensions];
        if (_index > 0)
        {
            // Gray code: point k differs from point k − 1 in the direction of the lowest zero bit of k − 1.
            int c = System.Numerics.BitOperations.TrailingZeroCount(~(ulong)(_index - 1));
            for (int d = 0; d < Dimensions; d++) _state[d] ^= _directions[d, c];
        }
        for (int d = 0; d < Dimensions; d++) point[d] = _state[d] / (double)(1u << Bits);
        _index++;
        return point;
    }

    private static int BitLength(int x) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)x);
}
