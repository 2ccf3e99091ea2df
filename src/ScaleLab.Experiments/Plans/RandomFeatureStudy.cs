using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Experiments.Specs;
using ScaleLab.Experiments.Theory;
using ScaleLab.Studies;

namespace ScaleLab.Experiments.Plans;

/// <summary>
/// The random-feature teacher–student study of Bahri et al. 2021 §2.3: one sweep per regime.
/// Theory: α_K in the resolution-limited regimes, 1 in the variance-limited ones; each regime also
/// records which way its finite sizes bias the measured exponent (docs/studies.md).
/// </summary>
public static class RandomFeatureStudy
{
    /// <summary>Adds the runs and regimes for <paramref name="regimes"/> to <paramref name="builder"/>.</summary>
    public static void AddTo(StudyPlanBuilder builder, double alphaK, IEnumerable<RandomFeatureRegime> regimes, StudyScale scale)
    {
        ArgumentNullException.ThrowIfNull(builder);
        bool full = scale == StudyScale.Full;
        string k = alphaK.ToString("R", CultureInfo.InvariantCulture);
        DefineSymbols(builder);
        foreach (var regime in regimes.Distinct().Order())
        {
            // One seed per sweep: every size sees the same teachers, projectors and data draws
            // (common random numbers), so the slope is not blurred by draw-to-draw noise.
            long seed = builder.SeedFor($"random-feature/{regime}/alphaK={k}");
            var keys = new List<string>();
            void Add(RandomFeatureSpec spec) => keys.Add(builder.Add(BuiltInExperiments.RandomFeatureKind, Group(regime), spec with { Seed = seed }, seed));
            switch (regime)
            {
                case RandomFeatureRegime.ResolutionData:
                {
                    // P = S, min-norm least squares on D samples; S ≫ D keeps the finite-S steepening small.
                    int s = full ? 20000 : 4000;
                    foreach (var d in new[] { 25, 50, 100, 200, 400 }) Add(new RandomFeatureSpec(s, alphaK, s, d, Draws: full ? 40 : 24));
                    builder.AddRegime($"resolution-limited, data (P = S = {s})", ScaleVariable.Tokens, "loss", alphaK, "alpha_K", keys,
                        finiteSize: new FiniteSizeEffect(ExponentBias.Steeper,
                            "with P = S the loss vanishes once D reaches S (that many samples determine every teacher weight), so it falls faster than D^-alpha_K as D grows toward S"));
                    break;
                }
                case RandomFeatureRegime.ResolutionModel:
                {
                    // Coordinate projector on infinite data is an exact tail sum, cheap even for S = 1e6.
                    int[] sizes = [25, 50, 100, 200, 400];
                    foreach (var p in sizes) Add(new RandomFeatureSpec(DemoStudy.ModelSweepFeatures, alphaK, p, null, Draws: 1));
                    builder.AddRegime("resolution-limited, model (D = inf)", ScaleVariable.Parameters, "loss", alphaK, "alpha_K", keys,
                        finiteSize: FiniteSizeEffect.FromCurve(
                            string.Create(CultureInfo.InvariantCulture,
                                $"the exact infinite-data loss (1/2S)·sum of λ_i over P < i ≤ S (S = {DemoStudy.ModelSweepFeatures:G3}) is a finite sum, not the pure power law P^-alpha_K"),
                            ScaleVariable.Parameters, alphaK, sizes.Select(p => (double)p),
                            p => BahriTheory.CoordinateProjectorLoss(DemoStudy.ModelSweepFeatures, (int)p, alphaK)));
                    break;
                }
                case RandomFeatureRegime.VarianceData:
                {
                    // P = 20 Gaussian features, L(D,P) − L(P) with the same teacher and projector;
                    // the loss is averaged over teachers exactly, which removes most of the noise of the difference.
                    const int p = 20;
                    int[] sizes = [200, 400, 800, 1600];
                    foreach (var d in sizes)
                    {
                        Add(new RandomFeatureSpec(2000, alphaK, p, d, RandomFeatureProjection.Gaussian, Draws: full ? 150 : 60, Reference: RandomFeatureReference.InfiniteData, AverageTeacher: true));
                    }
                    builder.AddRegime($"variance-limited, data (D ≫ P = {p})", ScaleVariable.Tokens, "excessLoss", BahriTheory.VarianceLimitedExponent, "1", keys,
                        finiteSize: FiniteSizeEffect.FromCurve(
                            "least squares on P Gaussian features has excess loss ∝ P/(D − P − 1), not 1/D (the inverse of a sample covariance of D draws is inflated by D/(D − P − 1))",
                            ScaleVariable.Tokens, BahriTheory.VarianceLimitedExponent, sizes.Select(d => (double)d), d => 1 / (d - p - 1)));
                    break;
                }
                case RandomFeatureRegime.VarianceModel:
                {
                    // D = 10, L(D,P) − L(D, all features).
                    // The excess loss is a small difference of noisy draws: it needs many draws, and P ≥ 10·D
                    // (below that the curve has not reached its 1/P asymptote: P from 50 measured 1.24).
                    const int d = 10;
                    int features = full ? 8000 : 4000;
                    int[] sizes = full ? [200, 400, 800, 1600] : [100, 200, 400, 800];
                    foreach (var p in sizes)
                    {
                        Add(new RandomFeatureSpec(features, alphaK, p, d, RandomFeatureProjection.Gaussian, Draws: full ? 200 : 100, Reference: RandomFeatureReference.AllFeatures, AverageTeacher: true));
                    }
                    builder.AddRegime($"variance-limited, model (P ≫ D = {d})", ScaleVariable.Parameters, "excessLoss", BahriTheory.VarianceLimitedExponent, "1", keys,
                        finiteSize: FiniteSizeEffect.FromCurve(
                            "the D training points seen through P random features have a Gram matrix whose inverse is inflated by P/(P − D − 1), so the excess falls like 1/(P − D − 1), not 1/P (the dual of the data regime)",
                            ScaleVariable.Parameters, BahriTheory.VarianceLimitedExponent, sizes.Select(p => (double)p), p => 1 / (p - d - 1)));
                    break;
                }
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

    private static void DefineSymbols(StudyPlanBuilder builder)
    {
        builder.Define("S", "features of the random-feature teacher, whose spectrum has S eigenvalues λ_i = i^-(1+alpha_K)");
        builder.Define("P", "features of the random-feature student, its model size (the N of its runs)");
        builder.Define("D", "training samples (inf: the exact infinite-data solution)");
        builder.Define("N", "model size: trained parameters of a network, student features P of a random-feature model");
        builder.Define("alpha_K", "exponent of the feature spectrum λ_i = i^-(1+alpha_K), which theory gives as the resolution-limited exponent");
    }

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
