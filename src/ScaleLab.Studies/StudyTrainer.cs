using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Training;
using ScaleLab.Training.Specs;
using ScaleLab.Training.Trainers;

namespace ScaleLab.Studies;

/// <summary>
/// Runs a planned run with the trainer its specification belongs to and turns the trainer's
/// <see cref="RunResult"/> into the store's <see cref="RunOutcome"/>. This is the
/// <c>train</c> function a <see cref="StudyRunner"/> is given for the built-in studies.
/// </summary>
public static class StudyTrainer
{
    /// <summary>Trains <paramref name="run"/>; cancellation is observed between draws or steps by the trainers.</summary>
    /// <exception cref="ArgumentException">The specification belongs to no trainer.</exception>
    public static RunOutcome Train(PlannedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Specification switch
        {
            RandomFeatureSpec spec => RandomFeatureTrainer.Run(spec, null, cancellationToken),
            DeepTeacherStudentSpec spec => DeepTeacherStudentTrainer.Run(spec, null, cancellationToken),
            TransformerLmSpec spec => TransformerLmTrainer.Run(spec, null, cancellationToken),
            _ => throw new ArgumentException($"no trainer for a {run.Specification.GetType().Name} (run kind '{run.Kind}')", nameof(run)),
        };
        return ToOutcome(result);
    }

    /// <summary>Rough relative cost of a run, for <see cref="StudyPlanBuilder.Build"/> to start the longest runs first.</summary>
    public static double Cost(PlannedRun run) => run.Specification switch
    {
        RandomFeatureSpec spec => RandomFeatureStudy.Cost(spec),
        DeepTeacherStudentSpec spec => TeacherStudentStudy.Cost(spec),
        TransformerLmSpec spec => LanguageModelStudy.Cost(spec),
        _ => 0,
    };

    /// <summary>The store's view of a trainer's result.</summary>
    public static RunOutcome ToOutcome(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunOutcome
        {
            Parameters = ParameterCount.Of(result.Parameters),
            ParameterCounting = result.ParameterCounting,
            Tokens = result.Samples is { } d ? TokenCount.Of(d) : null,
            TokenUnit = result.SampleUnit,
            Compute = result.Compute is { } c ? Flops.Of(c) : null,
            ComputeCounting = result.ComputeCounting,
            Train = result.TrainMetrics,
            HeldOut = result.TestMetrics,
            Ending = result.Status switch
            {
                Training.RunStatus.Completed => "completed",
                Training.RunStatus.EarlyStopped => "early-stopped",
                Training.RunStatus.Diverged => "diverged",
                _ => result.Status.ToString(),
            },
            Steps = result.Steps,
            Diagnostics = result.Diagnostics,
        };
    }
}
