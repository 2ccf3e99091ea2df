using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Planning;

/// <summary>
/// Hoffmann et al. 2022's three approaches side by side (their Table 2 / A3): the exponents each
/// implies, the allocation each implies at a target budget, and a plain statement of where and by
/// how much they disagree. Disagreement in a compounds with extrapolation: N* ratios grow as
/// (C_target/C_data)^Δa.
/// </summary>
public sealed record ApproachComparison
{
    /// <summary>The target budget C.</summary>
    public required double TargetCompute { get; init; }

    /// <summary>One row per approach available.</summary>
    public required IReadOnlyList<ApproachEstimate> Estimates { get; init; }

    /// <summary>Largest minus smallest exponent a.</summary>
    public required double ExponentSpread { get; init; }

    /// <summary>Largest over smallest N* at the target.</summary>
    public required double ParameterRatio { get; init; }

    /// <summary>A plain sentence on the agreement.</summary>
    public required string Statement { get; init; }

    /// <summary>Findings of the underlying analyses, prefixed by approach.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Compares whichever approaches are given at <paramref name="targetCompute"/>.</summary>
    public static ApproachComparison Compare(double targetCompute, EnvelopeResult? envelope, IsoFlopResult? isoFlop, PlanningLaw? parametric)
    {
        var rows = new List<ApproachEstimate>();
        var diagnostics = new List<Diagnostic>();
        if (envelope is not null)
        {
            rows.Add(new ApproachEstimate("approach 1 (envelope)", envelope.ExponentA, envelope.ExponentB,
                envelope.OptimalParameters(targetCompute), envelope.OptimalTokens(targetCompute)));
            diagnostics.AddRange(envelope.Diagnostics.Select(d => d with { Message = "approach 1: " + d.Message }));
        }
        if (isoFlop is not null)
        {
            rows.Add(new ApproachEstimate("approach 2 (IsoFLOP)", isoFlop.ExponentA, isoFlop.ExponentB,
                isoFlop.OptimalParameters(targetCompute), isoFlop.OptimalTokens(targetCompute)));
            diagnostics.AddRange(isoFlop.Diagnostics.Select(d => d with { Message = "approach 2: " + d.Message }));
        }
        if (parametric is not null)
        {
            var plan = ComputeOptimalPlanner.ForCompute(parametric, targetCompute);
            double a, b;
            if (parametric.IsChinchilla)
            {
                var f = ChinchillaFrontier.FromNamed(parametric.Parameters);
                (a, b) = (f.ExponentA, f.ExponentB);
            }
            else
            {
                // Local exponent over a decade either side of the target.
                double up = ComputeOptimalPlanner.ForCompute(parametric, targetCompute * 10).Parameters;
                double down = ComputeOptimalPlanner.ForCompute(parametric, targetCompute / 10).Parameters;
                a = Math.Log(up / down) / Math.Log(100);
                b = 1 - a;
            }
            rows.Add(new ApproachEstimate("approach 3 (parametric fit)", a, b, plan.Parameters, plan.Tokens));
            diagnostics.AddRange(plan.Diagnostics.Select(d => d with { Message = "approach 3: " + d.Message }));
        }
        if (rows.Count == 0) throw new ArgumentException("nothing to compare: give at least one approach");
        var finite = rows.Where(r => double.IsFinite(r.ExponentA) && double.IsFinite(r.Parameters) && r.Parameters > 0).ToArray();
        double spread = finite.Length > 0 ? finite.Max(r => r.ExponentA) - finite.Min(r => r.ExponentA) : double.NaN;
        double ratio = finite.Length > 0 ? finite.Max(r => r.Parameters) / finite.Min(r => r.Parameters) : double.NaN;
        return new ApproachComparison
        {
            TargetCompute = targetCompute, Estimates = rows, ExponentSpread = spread, ParameterRatio = ratio,
            Statement = Describe(targetCompute, finite, spread, ratio), Diagnostics = diagnostics,
        };
    }

    private static string Describe(double c, ApproachEstimate[] rows, double spread, double ratio)
    {
        if (rows.Length < 2) return rows.Length == 1 ? $"only {rows[0].Approach} is available; nothing to compare" : "no approach gave a finite allocation";
        var lowA = rows.MinBy(r => r.ExponentA)!;
        var highA = rows.MaxBy(r => r.ExponentA)!;
        var small = rows.MinBy(r => r.Parameters)!;
        var large = rows.MaxBy(r => r.Parameters)!;
        string verdict = ratio <= 1.25 && spread <= 0.03
            ? "They agree: N* within 25% and exponents within 0.03."
            : $"They disagree: {large.Approach} would train a model {F(ratio)}× larger than {small.Approach}, " +
              $"and a ranges from {Quantity.Fixed(lowA.ExponentA, 3)} ({lowA.Approach}) to {Quantity.Fixed(highA.ExponentA, 3)} ({highA.Approach}), so the gap widens with every decade of extrapolation (×{F(Math.Pow(10, spread))} per decade).";
        return $"At C = {F(c)} FLOPs: N* from {F(small.Parameters)} ({small.Approach}) to {F(large.Parameters)} ({large.Approach}); " +
               $"tokens per parameter from {F(rows.Min(r => r.TokensPerParameter))} to {F(rows.Max(r => r.TokensPerParameter))}. {verdict}";
    }

    private static string F(double v) => Quantity.Format(v, 3);
}
