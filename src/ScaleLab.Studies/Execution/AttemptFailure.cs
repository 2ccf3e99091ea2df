using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>How an attempt ended without a result: why, whether another attempt is worth it, and what its log said last.</summary>
public sealed record AttemptFailure
{
    /// <summary>Why, in words: <c>exit code 137 (signal 9, SIGKILL)</c>, <c>timed out after 3600 s</c>, <c>preempted (Slurm PREEMPTED)</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>True when the retry policy deems the failure transient.</summary>
    public required bool Retryable { get; init; }

    /// <summary><see cref="AttemptState.Failed"/>, <see cref="AttemptState.Preempted"/> (stopped by the scheduler, to resume from its checkpoint) or <see cref="AttemptState.Cancelled"/>.</summary>
    public AttemptState State { get; init; } = AttemptState.Failed;

    /// <summary>The process's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The last lines of the attempt's log, quoted on one line each.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>True when the failure counts against the retry limit (a failure or a preemption; a cancellation does not).</summary>
    public bool Counts => State is AttemptState.Failed or AttemptState.Preempted;
}
