using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Training.Specs;
using ScaleLab.Training.Theory;
using ScaleLab.Training.Trainers;

namespace ScaleLab.Studies;

/// <summary>
/// The random-feature teacher–student study of Bahri et al. 2021 §2.3: one sweep per regime, with
/// the settings of SCIENCE.md §14 V25–V26 at <see cref="StudyScale.Full"/>. Theory: α_K in the
/// resolution-limited regimes, 1 in the variance-limited ones.
/// </summary>
public static class RandomFeatureStudy
{
    /// <summary>Adds the runs and regimes for <paramref name="regimes"/> to <paramref name="builder"/>.</summary>
    public static void AddTo(StudyPlanBuilder builder, double alphaK, IEnumerable<RandomFeatureRegime> regimes, StudyScale scale)
    {
        ArgumentNullException.ThrowIfNull(builder);
        bool full = scale == StudyScale.Full;
        string k = alphaK.ToString("R", CultureInfo.InvariantCulture);
        foreach (var regime in regimes.Distinct().Order())
        {
            // One seed per sweep: every size sees the same teachers, projectors and data draws
            // (common random numbers), so the slope is not blurred by draw-to-draw noise.
            long seed = builder.SeedFor($"random-feature/{regime}/alphaK={k}");
            var keys = new List<string>();
            void Add(RandomFeatureSpec spec) => keys.Add(builder.Add(RandomFeatureTrainer.Name, Group(regime), spec with { Seed = seed }, seed));
            switch (regime)
            {
                case RandomFeatureRegime.ResolutionData:
                    // V26(a): P = S, min-norm least squares on D samples; S ≫ D keeps finite-S steepening small.
                    int s = full ? 20000 : 4000;
                    foreach (var d in new[] { 25, 50, 100, 200, 400 }) Add(new RandomFeatureSpec(s, alphaK, s, d, Draws: full ? 40 : 24));
                    builder.AddRegime($"resolution-limited, data (P = S = {s})", ScaleVariable.Tokens, "loss", alphaK, "alpha_K", keys,
                        "finite S steepens the measured slope (SCIENCE.md §7: S = 4000 gives 0.58, S = 20000 gives 0.55 for alpha_K = 0.5)");
                    break;
                case RandomFeatureRegime.ResolutionModel:
                    // V25: coordinate projector on infinite data is an exact tail sum, cheap even for S = 1e6.
                    foreach (var p in new[] { 25, 50, 100, 200, 400 }) Add(new RandomFeatureSpec(DemoStudy.ModelSweepFeatures, alphaK, p, null, Draws: 1));
                    builder.AddRegime("resolution-limited, model (D = inf)", ScaleVariable.Parameters, "loss", alphaK, "alpha_K", keys);
                    break;
                case RandomFeatureRegime.VarianceData:
                    // V26(c): P = 20 Gaussian features, L(D,P) − L(P) with the same teacher and projector;
                    // the loss is averaged over teachers exactly, which removes most of the noise of the difference.
                    foreach (var d in new[] { 200, 400, 800, 1600 })
                    {
                        Add(new RandomFeatureSpec(2000, alphaK, 20, d, RandomFeatureProjection.Gaussian, Draws: full ? 150 : 60, Reference: RandomFeatureReference.InfiniteData, AverageTeacher: true));
                    }
                    builder.AddRegime("variance-limited, data (D ≫ P = 20)", ScaleVariable.Tokens, "excessLoss", BahriTheory.VarianceLimitedExponent, "1", keys);
                    break;
                case RandomFeatureRegime.VarianceModel:
                    // V26(d): D = 10, L(D,P) − L(D, all features).
                    // The excess loss is a small difference of noisy draws: it needs many draws, and P ≥ 10·D
                    // (below that the curve has not reached its 1/P asymptote: P from 50 measured 1.24).
                    int features = full ? 8000 : 4000;
                    foreach (var p in full ? new[] { 200, 400, 800, 1600 } : [100, 200, 400, 800])
                    {
                        Add(new RandomFeatureSpec(features, alphaK, p, 10, RandomFeatureProjection.Gaussian, Draws: full ? 200 : 100, Reference: RandomFeatureReference.AllFeatures, AverageTeacher: true));
                    }
                    builder.AddRegime("variance-limited, model (P ≫ D = 10)", ScaleVariable.Parameters, "excessLoss", BahriTheory.VarianceLimitedExponent, "1", keys);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(regimes), regime, "unknown regime");
            }
        }
    }

    /// <summary>The group name of a regime's runs, e.g. <c>random-feature/variance-data</c>.</summary>
    public static string Group(RandomFeatureRegime regime) => regime switch
    {
        RandomFeatureRegime.ResolutionData => "random-feature/resolution-data",
        RandomFeatureRegime.ResolutionModel => "random-feature/resolution-model",
        RandomFeatureRegime.VarianceData => "random-feature/variance-data",
        RandomFeatureRegime.VarianceModel => "random-feature/variance-model",
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };

    /// <summary>Rough relative cost of a run (multiply-adds), used to start the longest runs first.</summary>
    internal static double Cost(RandomFeatureSpec spec)
    {
        double s = spec.Features, p = spec.Parameters;
        if (spec.Samples is not { } d) return s;
        // Drawing the D×S data, projecting (Gaussian) and the min-norm solve.
        double perDraw = d * s + d * p * Math.Min(d, p) + (spec.Projection == RandomFeatureProjection.Gaussian ? d * s * p + p * s : 0);
        if (spec.Reference == RandomFeatureReference.AllFeatures) perDraw += d * d * s;
        return spec.Draws * perDraw;
    }
}
