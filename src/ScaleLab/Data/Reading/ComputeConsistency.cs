using System.Globalization;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Data.Reading;

/// <summary>
/// Checks a compute column against C = 6ND when N, D and C are all read. A factor of 2 either way is within
/// the conventions in use (attention FLOPs, embedding parameters, recomputation); beyond it on most rows the
/// column is likely in another unit (GFLOP, PF-days), or N and C count parameters differently. The ratio is
/// taken in logs, so N = 1e308 cannot overflow it.
/// </summary>
internal static class ComputeConsistency
{
    private static readonly double Tolerance = Math.Log(2);

    public static Diagnostic? Check(RunColumns columns, string computeColumn, ComputeUnit unit)
    {
        var n = columns.Column(ScaleVariable.Parameters);
        var d = columns.Column(ScaleVariable.Tokens);
        var c = columns.Column(ScaleVariable.Compute);
        if (n is null || d is null || c is null || columns.Derived is not null || c.Length == 0) return null;
        double logSix = Math.Log(ComputeConvention.FlopsPerParameterToken);
        double LogRatio(int i) => Math.Log(c[i]) - logSix - Math.Log(n[i]) - Math.Log(d[i]);
        int off = 0;
        for (int i = 0; i < c.Length; i++) if (Math.Abs(LogRatio(i)) > Tolerance) off++;
        if (2 * off <= c.Length) return null;
        // Only a warning needs the median (and the memory for it).
        var logRatio = new double[c.Length];
        for (int i = 0; i < c.Length; i++) logRatio[i] = LogRatio(i);
        Array.Sort(logRatio);
        double median = logRatio[logRatio.Length / 2];
        double ratio = Math.Exp(median);
        var shown = Format(ratio);
        var what = $"compute column '{InputText.Show(computeColumn)}', read in {unit.Name}, differs from 6ND by more than a factor 2 on {off} of {c.Length} rows (median C/(6ND) = {shown})";
        foreach (var candidate in ComputeUnit.All)
        {
            if (candidate == unit) continue;
            // A column in the candidate's unit read as this unit has C/(6ND) = unit/candidate.
            double inCandidate = median - Math.Log(unit.FlopsPerUnit) + Math.Log(candidate.FlopsPerUnit);
            if (Math.Abs(inCandidate) <= Tolerance)
            {
                return Diagnostic.Warning("compute-unit", $"{what}: it looks like {candidate.Name}; pass --compute-unit {candidate.Key} to convert it, or name another column with --compute");
            }
        }
        if (ratio is > 0.2 and < 5)
        {
            return Diagnostic.Warning("compute-convention",
                $"{what}: N may count embedding parameters that C leaves out (or the reverse), or C counts more than the 6ND of a dense forward and backward pass; check that N and C follow one convention");
        }
        return Diagnostic.Warning("compute-unit", $"{what}: check the unit of C (--compute-unit) and that N and D are counts, not millions or billions");
    }

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
