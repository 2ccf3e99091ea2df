namespace ScaleLab.Store;

/// <summary>Progress of a <see cref="StoreCopy"/>, reported after each committed batch.</summary>
/// <param name="Collection">The study or sweep being copied.</param>
/// <param name="Done">Runs of all collections handled so far (each committed in the target).</param>
/// <param name="Total">Runs in the source.</param>
public sealed record StoreCopyProgress(string Collection, int Done, int Total);
