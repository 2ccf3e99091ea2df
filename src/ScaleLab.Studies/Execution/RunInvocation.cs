namespace ScaleLab.Studies.Execution;

/// <summary>One attempt at a run, as a <see cref="ProcessExecutor"/> asks for its command.</summary>
/// <param name="Run">The run.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, …</param>
/// <param name="Directory">The run's own directory (created; it holds the log and may hold inputs the command writes there).</param>
/// <param name="ResultPath">Where the command may write its result document (deleted before each attempt).</param>
public sealed record RunInvocation(PlannedRun Run, int Attempt, string Directory, string ResultPath);
