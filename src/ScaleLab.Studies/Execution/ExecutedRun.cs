using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>A run as its executor reports it: what it measured, or why it failed after its last attempt.</summary>
public sealed record ExecutedRun
{
    /// <summary>The run.</summary>
    public required PlannedRun Run { get; init; }

    /// <summary>The measurements; null when the run failed.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>Why the run failed (null when it finished).</summary>
    public string? Error { get; init; }

    /// <summary>Wall-clock seconds of its attempts (waits between attempts not included).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Attempts made, the last one included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The run's log file, for executors that keep one.</summary>
    public string? LogPath { get; init; }

    /// <summary>The last attempt, as the executor's <see cref="IAttemptLedger"/> granted it; null for executors without one.</summary>
    public RunAttempt? Attempt { get; init; }

    /// <summary>How the last attempt failed (exit code, log tail), when the run failed.</summary>
    public AttemptFailure? Failure { get; init; }

    /// <summary>The evaluations the last attempt printed during training (its learning curve), in step order.</summary>
    public IReadOnlyList<CurvePoint> Curve { get; init; } = [];
}
