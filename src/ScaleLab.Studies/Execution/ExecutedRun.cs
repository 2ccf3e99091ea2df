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
}
