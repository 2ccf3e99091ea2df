namespace ScaleLab.Studies.Execution;

/// <summary>
/// Which failed attempts are tried again, how often and after what wait. A process that was killed
/// by a signal (a crash, the out-of-memory killer) or ran out of time may well succeed next time;
/// one that exited with an error code of its own says what is wrong and would say it again, unless
/// the code is listed as transient.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>No retries: every failure is final.</summary>
    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "at least one attempt");
    } = 3;

    /// <summary>Wait before the first retry; each later wait is <see cref="BackoffFactor"/> times longer, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Growth of the wait from one retry to the next.</summary>
    public double BackoffFactor { get; init; } = 2;

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Retry an attempt that ran past its timeout.</summary>
    public bool RetryTimeouts { get; init; } = true;

    /// <summary>Retry a process killed by a signal (exit code above 128 on Unix, an NTSTATUS error code on Windows).</summary>
    public bool RetrySignals { get; init; } = true;

    /// <summary>Exit codes of the command's own that mean "try again" (e.g. 75, EX_TEMPFAIL).</summary>
    public IReadOnlySet<int> RetryableExitCodes { get; init; } = new HashSet<int>();

    /// <summary>True when an attempt that exited with <paramref name="exitCode"/> is worth another.</summary>
    public bool IsRetryable(int exitCode) => RetryableExitCodes.Contains(exitCode) || (RetrySignals && ProcessExit.IsSignal(exitCode));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Backoff(int attempt)
    {
        double seconds = InitialBackoff.TotalSeconds * Math.Pow(BackoffFactor, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }
}
