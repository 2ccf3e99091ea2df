using ScaleLab.Data;
using ScaleLab.Experiments.Specs;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Experiments.Plans;

/// <summary>
/// A grid of tiny transformer language models (d_model × tokens) on one synthetic Markov source,
/// analysed with the Chinchilla law L = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022) fitted to
/// every finished run: language models have no single-variable theory exponent to compare with,
/// but the source's entropy rate is a known floor for E.
/// </summary>
public static class LanguageModelStudy
{
    /// <summary>The run kind of language-model runs in the store.</summary>
    public const string Kind = BuiltInExperiments.LanguageModelKind;

    /// <summary>Adds one run per (d_model, tokens) pair; D = steps × batch × context is rounded to whole steps.</summary>
    public static void AddTo(StudyPlanBuilder builder, int vocabulary, IReadOnlyCollection<int> modelDimensions, IReadOnlyCollection<double> tokens,
        TransformerLmSpec? template = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        template ??= new TransformerLmSpec();
        // One source for the whole study, so every model learns the same distribution.
        var source = new MarkovSourceSpec(Vocabulary: vocabulary, Seed: builder.SeedFor("language-model/source"));
        int tokensPerStep = template.BatchSize * template.Context;
        foreach (var d in modelDimensions.Distinct().Order())
        {
            foreach (var t in tokens.Distinct().Order())
            {
                int steps = Math.Max(1, (int)Math.Round(t / tokensPerStep));
                long seed = builder.SeedFor($"language-model/d_model={d}/steps={steps}");
                var spec = template with
                {
                    ModelDimension = d, Heads = d % template.Heads == 0 ? template.Heads : 1, Steps = steps,
                    WarmupSteps = Math.Min(template.WarmupSteps, steps / 10), Markov = source, TextPath = null, Seed = seed,
                };
                builder.Add(Kind, $"language-model/d_model={d}", spec, seed);
            }
        }
    }

    /// <summary>
    /// Fits the Chinchilla law to the finished runs of <paramref name="plan"/> (held-out loss);
    /// null when fewer runs than the law's five parameters finished. Also returns the source's
    /// entropy rate when the runs report it (<c>entropyRate</c>), the floor the fitted E should meet.
    /// </summary>
    public static (FitResult Fit, ObservationSet Observations, double? EntropyRate)? FitChinchilla(StudyPlan plan, RunStore store,
        CancellationToken cancellationToken = default)
    {
        var keys = plan.Runs.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var runs = store.Runs(plan.Name).Where(r => keys.Contains(r.Key)).ToArray();
        var set = RunObservations.From(runs, $"{store.Path}:{plan.Name}");
        if (set.Count <= ChinchillaLaw.Instance.Parameters.Count) return null;
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(set), new FitOptions(), cancellationToken: cancellationToken);
        var rates = runs.Select(r => r.Outcome?.HeldOut.GetValueOrDefault("entropyRate", double.NaN) ?? double.NaN).Where(double.IsFinite).ToArray();
        return (fit, set, rates.Length > 0 ? rates.Average() : null);
    }

    /// <summary>Rough relative cost (tokens × parameters per layer), to start the longest runs first.</summary>
    internal static double Cost(TransformerLmSpec spec) =>
        (double)spec.Steps * spec.BatchSize * spec.Context * spec.Layers * 12.0 * spec.ModelDimension * spec.ModelDimension;
}
