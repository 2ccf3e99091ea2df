using System.Collections.Concurrent;

namespace ScaleLab.Studies.Execution;

/// <summary>The ledger of an executor on its own: it grants every attempt, numbers them per run from 1, counts the failures, and keeps nothing.</summary>
public sealed class CountingLedger : IAttemptLedger
{
    private readonly ConcurrentDictionary<string, (int Attempts, int Failures)> _counts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public RunAttempt? Begin(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (attempts, failures) = _counts.AddOrUpdate(run.Key, (1, 0), (_, c) => (c.Attempts + 1, c.Failures));
        return new RunAttempt(run, attempts) { EarlierFailures = failures };
    }

    /// <inheritdoc />
    public void Submitted(RunAttempt attempt, string jobId, bool started)
    {
    }

    /// <inheritdoc />
    public void Running(RunAttempt attempt)
    {
    }

    /// <inheritdoc />
    public void Ended(RunAttempt attempt, AttemptFailure failure)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Counts) _counts.AddOrUpdate(attempt.Run.Key, (1, 1), (_, c) => (c.Attempts, c.Failures + 1));
    }
}
