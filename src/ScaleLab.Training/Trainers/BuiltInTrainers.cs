using ScaleLab.Experiments.Specs;

namespace ScaleLab.Training.Trainers;

/// <summary>Runs a built-in experiment's specification with the trainer it belongs to.</summary>
public static class BuiltInTrainers
{
    /// <summary>Trains <paramref name="specification"/>; cancellation is observed between draws or steps by the trainers.</summary>
    /// <exception cref="ArgumentException">The specification belongs to no trainer, or is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static RunResult Run(object specification, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specification);
        return specification switch
        {
            RandomFeatureSpec spec => RandomFeatureTrainer.Run(spec, progress, cancellationToken),
            DeepTeacherStudentSpec spec => DeepTeacherStudentTrainer.Run(spec, progress, cancellationToken),
            TransformerLmSpec spec => TransformerLmTrainer.Run(spec, progress, cancellationToken),
            _ => throw new ArgumentException($"no trainer for a {specification.GetType().Name}", nameof(specification)),
        };
    }
}
