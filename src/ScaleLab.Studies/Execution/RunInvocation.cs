namespace ScaleLab.Studies.Execution;

/// <summary>One attempt at a run, as an executor asks for its command.</summary>
/// <param name="Run">The run.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, …</param>
/// <param name="Directory">The run's own directory (created; it holds the log and may hold inputs the command writes there).</param>
/// <param name="ResultPath">Where the command may write its result document (deleted before each attempt).</param>
public sealed record RunInvocation(PlannedRun Run, int Attempt, string Directory, string ResultPath)
{
    /// <summary>The run's checkpoint folder (<c>checkpoint</c> in its directory, created), kept from one attempt to the next so a retried or preempted run resumes.</summary>
    public string CheckpointDirectory => Path.Combine(Directory, "checkpoint");

    /// <summary>The folder of <paramref name="run"/> under <paramref name="runsDirectory"/>: the first 12 hex digits of its key.</summary>
    public static string DirectoryOf(string runsDirectory, PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(runsDirectory, run.Key[..Math.Min(12, run.Key.Length)]);
    }
}
