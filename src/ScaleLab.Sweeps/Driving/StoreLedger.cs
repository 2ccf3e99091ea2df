using System.Collections.Concurrent;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Studies.Execution;

namespace ScaleLab.Sweeps.Driving;

/// <summary>
/// A sweep's ledger of attempts, kept in the run store with claims (docs/sweeps.md, "Drivers and
/// restarts"). Each attempt is a claim: a run finished elsewhere or held by another live driver is
/// left alone. An attempt an earlier driver left open is taken over: one whose job still runs (or
/// was being submitted) is adopted as it stands, so it is never submitted twice; one that never got
/// a job is reused. The retry budget counts the failures since the run last failed for good, so a
/// restarted driver continues it and a new <c>sweep run</c> starts it afresh.
/// </summary>
public sealed class StoreLedger : IAttemptLedger
{
    private readonly RunStore _store;
    private readonly string _sweep;
    private readonly TimeSpan _lease;
    private readonly Func<string, bool> _canFollow;
    private readonly ConcurrentDictionary<string, AttemptRecord> _open;
    private readonly ConcurrentDictionary<string, int> _failures;
    private readonly ConcurrentDictionary<(string Key, int Number), RunClaim> _claims = new();
    private readonly ConcurrentDictionary<string, string> _elsewhere = new(StringComparer.Ordinal);

    /// <summary>A ledger for <paramref name="worker"/> on <paramref name="sweep"/>, reading where the store stands now.</summary>
    /// <param name="store">The run store.</param>
    /// <param name="sweep">The sweep's name.</param>
    /// <param name="worker">This driver's identity: the same across its restarts, unique among live drivers.</param>
    /// <param name="lease">How long a claim lasts unless renewed (<see cref="Renew"/>).</param>
    /// <param name="canFollow">Whether the executor can follow a job of an earlier driver, by its id (a Slurm executor follows Slurm jobs).</param>
    public StoreLedger(RunStore store, string sweep, string worker, TimeSpan lease, Func<string, bool> canFollow)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentNullException.ThrowIfNull(canFollow);
        _store = store;
        _sweep = sweep;
        Worker = worker;
        _lease = lease;
        _canFollow = canFollow;
        var attempts = store.Attempts(sweep);
        var gaveUp = store.Runs(sweep).Where(r => r.Status == RunStatus.Failed).ToDictionary(r => r.Key, r => r.Created, StringComparer.Ordinal);
        _open = new(attempts.Where(a => !AttemptStates.IsFinal(a.State)).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Attempt)!), StringComparer.Ordinal);
        _failures = new(attempts.Where(a => a.State is AttemptState.Failed or AttemptState.Preempted && (!gaveUp.TryGetValue(a.Key, out var at) || a.Started > at))
            .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
    }

    /// <summary>This driver's identity in the store's claims and attempts.</summary>
    public string Worker { get; }

    /// <summary>Runs left alone because another driver holds them, or because their job is one this executor cannot follow (run key → why).</summary>
    public IReadOnlyDictionary<string, string> Elsewhere => _elsewhere;

    /// <summary>Claims this driver holds now.</summary>
    public int Held => _claims.Count;

    /// <inheritdoc />
    public RunAttempt? Begin(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int failures = _failures.GetValueOrDefault(run.Key);
        if (_open.TryRemove(run.Key, out var open))
        {
            if (open.JobId is { } job && !_canFollow(job))
            {
                _elsewhere[run.Key] = $"attempt {open.Attempt} is job {job}, which this executor cannot follow";
                return null;
            }
            var adopted = _store.TryAdopt(open, Worker, _lease);
            switch (adopted.Status)
            {
                case ClaimStatus.Claimed:
                    _claims[(run.Key, open.Attempt)] = adopted.Claim!;
                    // A claim without a job never reached the executor: it is this driver's to use as a new attempt.
                    return new RunAttempt(run, open.Attempt) { EarlierFailures = failures, JobId = open.JobId };
                case ClaimStatus.Finished:
                    return null;
                case ClaimStatus.Held:
                    _elsewhere[run.Key] = $"held by {adopted.Holder!.Worker}";
                    return null;
            }
        }
        var claim = _store.TryClaim(_sweep, run.Key, Worker, _lease);
        switch (claim.Status)
        {
            case ClaimStatus.Claimed:
                _claims[(run.Key, claim.Claim!.Attempt)] = claim.Claim;
                return new RunAttempt(run, claim.Claim.Attempt) { EarlierFailures = failures };
            case ClaimStatus.Held:
                _elsewhere[run.Key] = $"held by {claim.Holder!.Worker}";
                return null;
            default:
                return null;
        }
    }

    /// <inheritdoc />
    public void Submitted(RunAttempt attempt, string jobId, bool started)
    {
        if (Claim(attempt) is { } claim) _store.UpdateAttempt(claim, started ? AttemptState.Running : AttemptState.Pending, jobId);
    }

    /// <inheritdoc />
    public void Running(RunAttempt attempt)
    {
        if (Claim(attempt) is { } claim) _store.UpdateAttempt(claim, AttemptState.Running);
    }

    /// <inheritdoc />
    public void Ended(RunAttempt attempt, AttemptFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Counts) _failures.AddOrUpdate(attempt.Run.Key, 1, (_, n) => n + 1);
        if (_claims.TryRemove((attempt.Run.Key, attempt.Number), out var claim))
        {
            _store.UpdateAttempt(claim, failure.State, exitCode: failure.ExitCode, logTail: Tail(failure), reason: failure.Reason);
        }
    }

    /// <summary>The claim of <paramref name="attempt"/>, handed over for the run's last write (which releases it), or null when it was lost.</summary>
    public RunClaim? Take(RunAttempt attempt) => _claims.TryRemove((attempt.Run.Key, attempt.Number), out var claim) ? claim : null;

    /// <summary>The log tail of a failure as the store keeps it: one line each.</summary>
    public static string? Tail(AttemptFailure failure) => failure.LogTail.Count == 0 ? null : string.Join("\n", failure.LogTail);

    /// <summary>Renews every claim held; a claim that was lost (it lapsed and another driver took the run) is dropped. Returns how many were lost.</summary>
    public int Renew()
    {
        int lost = 0;
        foreach (var (id, claim) in _claims)
        {
            var renewed = _store.Renew(claim, _lease);
            if (renewed is null)
            {
                if (_claims.TryRemove(id, out _)) lost++;
            }
            else
            {
                _claims.TryUpdate(id, renewed, claim);
            }
        }
        return lost;
    }

    private RunClaim? Claim(RunAttempt attempt) => _claims.TryGetValue((attempt.Run.Key, attempt.Number), out var claim) ? claim : null;
}
