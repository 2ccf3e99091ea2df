using System.Runtime.ExceptionServices;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Studies.Execution;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Sweeps.Driving;

/// <summary>
/// Runs a sweep: stores its definition, hands the runs it does not hold finished to an executor
/// (local processes, Slurm) whose attempts its <see cref="StoreLedger"/> grants as claims, writes
/// each result to the store the moment it arrives (with the run's tags and learning curve, in the
/// claim's transaction), renews its claims, and refits the sweep's law as results arrive. Killed at
/// any moment, it loses no finished run; started again with the same ledger identity, it takes over
/// what it left running and submits nothing twice.
/// </summary>
public sealed class SweepDriver
{
    private readonly RunStore _store;
    private readonly SweepPlan _plan;
    private readonly StoreLedger _ledger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renewEvery;
    private readonly Lock _refitGate = new();
    private Task _refit = Task.CompletedTask;
    private bool _refitAgain;
    private int _failed;

    /// <summary>Creates a driver of <paramref name="plan"/> over <paramref name="store"/>.</summary>
    /// <param name="store">The run store.</param>
    /// <param name="plan">The sweep's runs.</param>
    /// <param name="ledger">The ledger the executor was given; its claims are renewed every <paramref name="renewEvery"/>.</param>
    /// <param name="time">Clock for run times, renewals and wall times.</param>
    /// <param name="renewEvery">Interval of claim renewals (a third of the lease is a good choice).</param>
    public SweepDriver(RunStore store, SweepPlan plan, StoreLedger ledger, TimeProvider time, TimeSpan renewEvery)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _plan = plan;
        _ledger = ledger;
        _time = time;
        _renewEvery = renewEvery;
    }

    /// <summary>Refit as results arrive (on by default; the final fit is made either way).</summary>
    public bool Refit { get; init; } = true;

    /// <summary>
    /// Executes every run of the plan the store does not hold finished with <paramref name="executor"/>,
    /// which must have been given this driver's ledger. A failure to store ends the execution and is rethrown.
    /// </summary>
    public async Task<SweepOutcome> RunAsync(IRunExecutor executor, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        long started = _time.GetTimestamp();
        var definition = _plan.Definition;
        _store.EnsureSweep(definition.Name, definition.Text);
        var finishedBefore = _store.FinishedKeys(definition.Name);
        var pending = _plan.Runs.Where(r => !finishedBefore.Contains(r.Key)).ToArray();
        int skipped = _plan.Runs.Count - pending.Length, finished = 0;
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        progress?.Report(new SweepProgress(skipped, 0, _plan.Runs.Count, null, null, null));

        ExceptionDispatchInfo? storeError = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Ended(ExecutedRun result)
        {
            try
            {
                var error = Store(result);
                if (error is null) Interlocked.Increment(ref finished);
                else
                {
                    failed[result.Run.Key] = error;
                    Interlocked.Increment(ref _failed);
                }
                double? value = error is null && result.Outcome!.HeldOut.TryGetValue(definition.Metric, out var v) ? v : null;
                progress?.Report(new SweepProgress(skipped + Volatile.Read(ref finished), failed.Count, _plan.Runs.Count, result.Run, error, null) { Value = value });
                if (error is null && Refit) StartRefit(progress, stop.Token);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref storeError, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }

        using var renewing = new CancellationTokenSource();
        var renewals = RenewAsync(renewing.Token);
        try
        {
            if (pending.Length > 0) await executor.ExecuteAsync(pending, Ended, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewals.ConfigureAwait(false);
        }
        storeError?.Throw();
        Task refit;
        lock (_refitGate) refit = _refit;
        await refit.ConfigureAwait(false);

        var fit = cancellationToken.IsCancellationRequested ? null : Fit(CancellationToken.None);
        int done = skipped + finished;
        return new SweepOutcome
        {
            Total = _plan.Runs.Count, Skipped = skipped, Finished = finished, Failed = failed, Elsewhere = _ledger.Elsewhere,
            Cancelled = cancellationToken.IsCancellationRequested && done < _plan.Runs.Count, Fit = fit, WallSeconds = _time.GetElapsedTime(started).TotalSeconds,
        };
    }

    /// <summary>The sweep's law fitted to every finished run in the store now.</summary>
    public SweepFitResult Fit(CancellationToken cancellationToken) =>
        SweepFit.Fit(_store.Runs(_plan.Definition.Name), _plan.Definition.Law, _plan.Definition.Metric, _plan.TargetCompute, cancellationToken);

    /// <summary>Writes one reported run; returns its error when it failed, null when it finished.</summary>
    private string? Store(ExecutedRun result)
    {
        var run = result.Run;
        var claim = result.Attempt is { } attempt ? _ledger.Take(attempt) : null;
        var outcome = result.Outcome;
        var failure = result.Failure;
        string? error = result.Error;
        string metric = _plan.Definition.Metric;
        if (outcome is not null && !outcome.HeldOut.ContainsKey(metric))
        {
            failure = new AttemptFailure
            {
                Reason = $"the result has no metric '{metric}' (it has {string.Join(", ", outcome.HeldOut.Keys.Order(StringComparer.Ordinal))})", Retryable = false, ExitCode = 0,
            };
            error = failure.Reason + (result.LogPath is null ? "" : $"; log {result.LogPath}");
            outcome = null;
        }
        var record = new RunRecord
        {
            Study = _plan.Definition.Name, Key = run.Key, Kind = run.Kind, Group = run.Group, Specification = run.SpecificationJson, Seed = run.Seed,
            Status = outcome is null ? RunStatus.Failed : RunStatus.Finished, Outcome = outcome, Error = outcome is null ? error ?? "failed" : null,
            WallSeconds = result.WallSeconds, Created = _time.GetUtcNow(), Tags = SweepPlanner.Tags(run),
        };
        if (outcome is not null)
        {
            _store.Save(record, result.Curve, claim);
            return null;
        }
        if (claim is not null)
        {
            _store.UpdateAttempt(claim, failure?.State ?? AttemptState.Failed, exitCode: failure?.ExitCode,
                logTail: failure is null ? null : StoreLedger.Tail(failure), reason: failure?.Reason ?? record.Error);
        }
        _store.Save(record, result.Curve);
        return record.Error;
    }

    // One refit at a time; results that arrive during one are taken by the next.
    private void StartRefit(IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        lock (_refitGate)
        {
            if (!_refit.IsCompleted) { _refitAgain = true; return; }
            _refit = Task.Run(() =>
            {
                do
                {
                    lock (_refitGate) _refitAgain = false;
                    if (cancellationToken.IsCancellationRequested) return;
                    try
                    {
                        var fit = Fit(cancellationToken);
                        var finished = _store.FinishedKeys(_plan.Definition.Name);
                        progress?.Report(new SweepProgress(_plan.Runs.Count(r => finished.Contains(r.Key)), Volatile.Read(ref _failed), _plan.Runs.Count, null, null, fit));
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                while (Again());
            }, CancellationToken.None);
        }
    }

    private bool Again()
    {
        lock (_refitGate) return _refitAgain;
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_renewEvery, _time, cancellationToken).ConfigureAwait(false);
                _ledger.Renew();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
