namespace ScaleLab.Sweeps.Planning;

/// <summary>
/// The specification of one run of a sweep, from which its key is made: N and D as planned, the
/// IsoFLOP budget, the seed and the values of the extra axes. The command is not part of it, so a
/// command edited between runs of a sweep does not start its finished runs again.
/// </summary>
/// <param name="Parameters">Model size N.</param>
/// <param name="Tokens">Training tokens D.</param>
/// <param name="Budget">The IsoFLOP budget C; null outside IsoFLOP grids.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Values">The extra axes' values by name (a seed axis included).</param>
public sealed record SweepPoint(double Parameters, double Tokens, double? Budget, long Seed, SortedDictionary<string, string> Values)
{
    /// <summary>The compute the run plans to spend: its budget, or 6ND.</summary>
    public double Compute => Budget ?? 6 * Parameters * Tokens;
}
