using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Design;

/// <summary>
/// The simulated studies of the design comparison, with pools shaped like real ones (costs 6·N·D):
/// <list type="bullet">
/// <item>Chinchilla (Hoffmann et al. 2022 eq. 10: E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28) on an
/// IsoFLOP grid like Hoffmann's Approach 2 (nine budgets 6e18 … 3e21, nine sizes ×¼ … ×4 around 20 tokens
/// per parameter) and on an N × D grid (8 × 8, N 3.2e7 … 3.2e9, D 1e9 … 1e11);</item>
/// <item>the data-constrained law (Muennighoff et al. 2023's fitted values: E 1.8691, A 520.82, B 1487.72,
/// alpha = beta 0.35266, R_N* 5.3097, R_D* 15.388) on a datablations-like grid N × D × U_D (N 1e8 … 3e9,
/// D 1e9 … 1e11, U_D 1e9 … 1e10, so up to 100 epochs);</item>
/// <item>a one-break BNSL in D (Caballero et al. 2023's form; a 1.5, b 40, c0 0.15, c1 0.25, d1 3e8, f1 0.5:
/// the log-log slope of L − a steepens from 0.15 to 0.4 around 3e8 tokens) on 40 dataset sizes 1e7 … 1e10
/// at N = 1e8.</item>
/// </list>
/// Noise: 0.01 on ln L, the seed-to-seed scatter of language-model runs. The Chinchilla and data-constrained
/// laws are fitted with Huber δ = 1e-3 on log residuals, the BNSL with least squares on log residuals (each
/// law's documented default).
/// </summary>
public static class DesignScenarios
{
    /// <summary>Hoffmann et al. 2022 eq. 10.</summary>
    public static IReadOnlyDictionary<string, double> Hoffmann { get; } = new Dictionary<string, double>
    {
        ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28,
    };

    /// <summary>Muennighoff et al. 2023's fit (datablations README): e 0.6254804, a 6.255414, b 7.3049974, alpha = beta 0.3526596, R_N* 5.309743, R_D* 15.387756.</summary>
    public static IReadOnlyDictionary<string, double> Muennighoff { get; } = new Dictionary<string, double>
    {
        ["E"] = Math.Exp(0.6254804), ["A"] = Math.Exp(6.255414), ["B"] = Math.Exp(7.3049974), ["alpha"] = 0.3526596, ["beta"] = 0.3526596,
        ["R_N_star"] = 5.309743, ["R_D_star"] = 15.387756,
    };

    /// <summary>The one-break BNSL of the simulation.</summary>
    public static IReadOnlyDictionary<string, double> OneBreak { get; } = new Dictionary<string, double>
    {
        ["a"] = 1.5, ["b"] = 40, ["c0"] = 0.15, ["c1"] = 0.25, ["d1"] = 3e8, ["f1"] = 0.5,
    };

    /// <summary>The four studies of the comparison.</summary>
    public static IReadOnlyList<DesignScenario> All(double noise = 0.01) =>
    [
        For(ChinchillaLaw.Instance, Hoffmann, "isoflop", noise),
        For(ChinchillaLaw.Instance, Hoffmann, "grid", noise),
        For(DataConstrainedLaw.Instance, Muennighoff, "grid", noise),
        For(LawRegistry.Get("bnsl"), OneBreak, "grid", noise),
    ];

    /// <summary>The built-in true parameters of a law, or null when there are none (then they must be given).</summary>
    public static IReadOnlyDictionary<string, double>? DefaultTruth(ScalingLaw law) => law switch
    {
        ChinchillaLaw => Hoffmann,
        DataConstrainedLaw => Muennighoff,
        BrokenPowerLaw { Breaks: 1 } bnsl when bnsl.Variable == ScaleVariable.Tokens => OneBreak,
        _ => null,
    };

    /// <summary>The objective a law is fitted with by default: least squares on log residuals for BNSL, else Huber δ = 1e-3 on log residuals.</summary>
    public static FitObjective DefaultObjective(ScalingLaw law) => law is BrokenPowerLaw ? FitObjective.SquaredLog : FitObjective.Default;

    /// <summary>
    /// A scenario for <paramref name="law"/> at <paramref name="truth"/> on a pool of shape <paramref name="pool"/>:
    /// <c>isoflop</c> (laws of N and D) or <c>grid</c> (N × D, crossed with U_D for laws that read it, or 40
    /// values along the one variable of a single-variable law).
    /// </summary>
    public static DesignScenario For(ScalingLaw law, IReadOnlyDictionary<string, double> truth, string pool, double noise = 0.01, FitObjective? objective = null)
    {
        var candidates = Pool(law, pool);
        return DesignScenario.Create($"{law.Name}/{pool.Trim().ToLowerInvariant()}", law, truth, candidates, noise, objective ?? DefaultObjective(law));
    }

    /// <summary>The pool of a shape for a law (see <see cref="For"/>); an unknown shape is an <see cref="ArgumentException"/>.</summary>
    public static IReadOnlyList<DesignCandidate> Pool(ScalingLaw law, string shape)
    {
        bool nd = law.Variables.Contains(ScaleVariable.Parameters) && law.Variables.Contains(ScaleVariable.Tokens);
        switch (shape.Trim().ToLowerInvariant())
        {
            case "isoflop":
                if (!nd) throw new ArgumentException($"--pool isoflop needs a law of N and D; law '{law.Name}' reads {string.Join(", ", law.Variables)} (use --pool grid)");
                return CandidatePool.IsoFlopGrid([6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21]);
            case "grid":
                if (law.Variables.Contains(ScaleVariable.UniqueTokens))
                {
                    return CandidatePool.ParameterTokenGrid([1e8, 3e8, 1e9, 3e9], [1e9, 3e9, 1e10, 3e10, 1e11], [1e9, 3e9, 1e10]);
                }
                if (nd) return CandidatePool.ParameterTokenGrid(LogSpace(7.5, 9.5, 8), LogSpace(9, 11, 8));
                var along = law.Variables[0];
                if (along == ScaleVariable.Parameters) return CandidatePool.ParameterTokenGrid(LogSpace(6, 9, 40), [1e10]);
                if (along == ScaleVariable.Compute)
                {
                    return LogSpace(15, 19, 40).Select((c, i) => new DesignCandidate(i, null, Observation.FromParametersAndCompute(Math.Sqrt(c / 120), c, double.NaN) with { Row = i + 1 }, c)).ToArray();
                }
                if (along == ScaleVariable.Tokens) return CandidatePool.ParameterTokenGrid([1e8], LogSpace(7, 10, 40));
                throw new ArgumentException($"--pool grid: law '{law.Name}' reads {along.Symbol}, for which there is no built-in pool");
            default:
                throw new ArgumentException($"--pool: unknown pool shape '{shape}' (use isoflop or grid)");
        }
    }

    private static double[] LogSpace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => Math.Pow(10, from + (to - from) * i / (count - 1))).ToArray();
}
