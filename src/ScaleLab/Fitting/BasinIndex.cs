namespace ScaleLab.Fitting;

/// <summary>
/// The points earlier descents of a multistart search passed through, on a grid of cells in the optimizer's
/// coordinates (each coordinate in units of <see cref="CellFraction"/> of the starts' spread in it), with the lowest
/// objective seen in each cell and the descent that reached it. A later descent that enters a cell at an objective no
/// lower than that one is on a path already taken: from there it would go where that descent went (see
/// <see cref="FitSearch"/>). Written only between batches of descents, read concurrently within one.
/// </summary>
internal sealed class BasinIndex
{
    /// <summary>Cell width as a fraction of the starts' spread in each coordinate.</summary>
    /// <remarks>
    /// On the Chinchilla grid of the Epoch data, 0.03 let the most descents end early (0.003 and 0.1 fewer); a cell is
    /// still small against the distance between basins, so a descent is not joined to a neighbouring basin's.
    /// </remarks>
    public const double CellFraction = 0.03;

    private readonly double[] _inverseWidth;
    private readonly Dictionary<long, (double Value, int Descent)> _cells = [];

    /// <summary>An empty index for descents from <paramref name="starts"/> (free coordinates).</summary>
    public BasinIndex(IReadOnlyList<double[]> starts)
    {
        int p = starts[0].Length;
        _inverseWidth = new double[p];
        for (int j = 0; j < p; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var s in starts)
            {
                lo = Math.Min(lo, s[j]);
                hi = Math.Max(hi, s[j]);
            }
            // A coordinate every start shares gets unit spread.
            double spread = hi > lo && double.IsFinite(hi - lo) ? hi - lo : 1;
            _inverseWidth[j] = 1 / (CellFraction * spread);
        }
    }

    /// <summary>The cell of <paramref name="x"/> (a 64-bit hash of its integer coordinates).</summary>
    public long Cell(ReadOnlySpan<double> x)
    {
        ulong hash = 0x9E3779B97F4A7C15;
        for (int j = 0; j < x.Length; j++)
        {
            double c = Math.Floor(x[j] * _inverseWidth[j]);
            // Far-away and non-finite points share one cell per coordinate sign; descents do not meet there.
            long k = double.IsFinite(c) ? (long)Math.Clamp(c, -1e15, 1e15) : long.MinValue;
            hash = Mix(hash ^ (ulong)k);
        }
        return (long)hash;
    }

    /// <summary>The descent that already passed through <paramref name="cell"/> at an objective no higher than <paramref name="value"/>, or −1.</summary>
    public int Joined(long cell, double value) => _cells.TryGetValue(cell, out var seen) && seen.Value <= value ? seen.Descent : -1;

    /// <summary>Records that <paramref name="descent"/> passed through <paramref name="cell"/> at <paramref name="value"/>.</summary>
    public void Add(long cell, double value, int descent)
    {
        if (!_cells.TryGetValue(cell, out var seen) || value < seen.Value) _cells[cell] = (value, descent);
    }

    // SplitMix64's finaliser (Steele et al. 2014): every input bit reaches every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
