namespace ScaleLab.Training;

/// <summary>Progress of a long training method.</summary>
/// <param name="Step">Steps (or draws) completed.</param>
/// <param name="TotalSteps">Steps (or draws) planned; early stopping may end sooner.</param>
/// <param name="Loss">The latest training (or draw) loss.</param>
public readonly record struct TrainingProgress(long Step, long TotalSteps, double Loss);
