using ScaleLab.Experiments.Plans;
using ScaleLab.Experiments.Specs;
using ScaleLab.Studies;

namespace ScaleLab.Experiments;

/// <summary>The built-in experiments by name and kind, and what the study engine needs to know of their runs.</summary>
public static class BuiltInExperiments
{
    /// <summary>Run kind of the random-feature teacher–student runs.</summary>
    public const string RandomFeatureKind = "random-feature";

    /// <summary>Run kind of the deep teacher–student runs.</summary>
    public const string TeacherStudentKind = "deep-teacher-student";

    /// <summary>Run kind of the tiny transformer language-model runs.</summary>
    public const string LanguageModelKind = "transformer-lm";

    /// <summary>Every built-in experiment.</summary>
    public static IReadOnlyList<BuiltInExperiment> All { get; } =
    [
        new("random-features", RandomFeatureKind, typeof(RandomFeatureSpec),
            new RandomFeatureSpec(Features: 4000, AlphaK: 0.5, Parameters: 4000, Samples: 100, Draws: 24),
            "random-feature teacher-student model (Bahri et al. 2021 §2.3): min-norm least squares, exact population loss"),
        new("teacher-student", TeacherStudentKind, typeof(DeepTeacherStudentSpec),
            new DeepTeacherStudentSpec(InputDimension: DemoStudy.InputDimension, Samples: 1024),
            "deep teacher-student ReLU networks (Bahri et al. 2021 Fig. 1b): Adam on MSE, early stopping"),
        new("language-model", LanguageModelKind, typeof(TransformerLmSpec),
            new TransformerLmSpec(Markov: new MarkovSourceSpec()),
            "tiny transformer language model on a Markov source with a known entropy rate"),
    ];

    /// <summary>The experiment called <paramref name="nameOrKind"/> (its command name or its run kind), or null.</summary>
    public static BuiltInExperiment? Find(string nameOrKind) =>
        All.FirstOrDefault(e => string.Equals(e.Name, nameOrKind, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Kind, nameOrKind, StringComparison.OrdinalIgnoreCase));

    /// <summary>Rough relative cost of a run, for <see cref="StudyPlanBuilder.Build"/> to start the longest runs first.</summary>
    public static double Cost(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Specification switch
        {
            RandomFeatureSpec spec => RandomFeatureStudy.Cost(spec),
            DeepTeacherStudentSpec spec => TeacherStudentStudy.Cost(spec),
            TransformerLmSpec spec => LanguageModelStudy.Cost(spec),
            _ => 0,
        };
    }
}
