using ScaleLab.Laws;
using ScaleLab.Planning;

namespace ScaleLab.Sweeps.Planning;

/// <summary>
/// The law that places IsoFLOP sizes when a sweep names no fit of its own: Hoffmann et al.'s
/// published Chinchilla fit, E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28
/// (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv:2203.15556, eq. 10).
/// </summary>
public static class HoffmannPrior
{
    /// <summary>Where the values come from, for messages.</summary>
    public const string Citation = "Hoffmann et al. 2022 (arXiv:2203.15556) eq. 10: E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28";

    /// <summary>The published law as a planning law.</summary>
    public static PlanningLaw Law { get; } = new(ChinchillaLaw.Instance, new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28,
    });
}
