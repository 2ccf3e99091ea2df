using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ScaleLab.Store;
using ScaleLab.Studies.Execution;

namespace ScaleLab.Studies;

/// <summary>
/// Executes a <see cref="StudyPlan"/>: skips the runs the store already holds finished, hands the
/// others to an executor (<see cref="IRunExecutor"/>: in this process, or as local processes) and
/// stores each run the moment the executor reports it. Cancelling abandons the runs in flight and
/// keeps every finished one, so executing the same plan again runs only what is missing.
/// </summary>
public sealed class StudyRunner
{
    private readonly RunStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner writing to <paramref name="store"/>.</summary>
    /// <param name="store">Where runs are read from and written to.</param>
    /// <param name="time">Clock for run timestamps and wall times.</param>
    /// <param name="workers">Parallel runs of the in-process overload of <see cref="Run(StudyPlan, Func{PlannedRun, CancellationToken, RunOutcome}, IProgress{StudyProgress}?, CancellationToken)"/>; null = one per core.</param>
    public StudyRunner(RunStore store, TimeProvider time, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (workers is < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "workers must be at least 1");
        _store = store;
        _time = time;
        Workers = workers ?? Environment.ProcessorCount;
    }

    /// <summary>Number of runs the in-process overload executes at once.</summary>
    public int Workers { get; }

    /// <summary>The runs of <paramref name="plan"/> that the store does not hold finished, in plan order.</summary>
    public IReadOnlyList<PlannedRun> Pending(StudyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var finished = _store.FinishedKeys(plan.Name);
        return plan.Runs.Where(r => !finished.Contains(r.Key)).ToArray();
    }

    /// <summary>
    /// Runs every pending run in this process with <see cref="Workers"/> threads. <paramref name="train"/>
    /// gets the run and the token; it returns the outcome, throws <see cref="OperationCanceledException"/>
    /// when cancelled (the run is then not stored), or throws anything else (the run is stored as
    /// failed, with the message, and retried next time).
    /// </summary>
    public StudyExecution Run(StudyPlan plan, Func<PlannedRun, CancellationToken, RunOutcome> train,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(plan, new InProcessExecutor(train, _time, Workers), progress, cancellationToken);

    /// <summary>Runs every pending run with <paramref name="executor"/>; see <see cref="RunAsync"/>.</summary>
    public StudyExecution Run(StudyPlan plan, IRunExecutor executor, IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(plan, executor, progress, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs every pending run with <paramref name="executor"/> and stores each as it is reported:
    /// finished with its outcome, or failed with its error (a failed run is retried next time). The
    /// plan's regimes are stored with the study (<see cref="StoredRegimes"/>), so it can be analysed
    /// from the store alone. A failure to store ends the execution and is rethrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store holds the study with another seed.</exception>
    public async Task<StudyExecution> RunAsync(StudyPlan plan, IRunExecutor executor, IProgress<StudyProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(executor);
        long started = _time.GetTimestamp();
        _store.EnsureStudy(plan.Name, plan.Seed, plan.Description);
        StoredRegimes.Save(_store, plan);
        var pending = Pending(plan);
        int skipped = plan.Runs.Count - pending.Count;
        progress?.Report(new StudyProgress(skipped, plan.Runs.Count, skipped, 0, null, 0));

        var executed = new ConcurrentQueue<RunRecord>();
        int done = skipped, failed = 0;
        ExceptionDispatchInfo? storeError = null;
        // A failure to store ends the study: continuing would train runs whose results cannot be kept.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        void Ended(ExecutedRun result)
        {
            var run = result.Run;
            var record = new RunRecord
            {
                Study = plan.Name, Key = run.Key, Kind = run.Kind, Group = run.Group,
                Specification = run.SpecificationJson, Seed = run.Seed,
                Status = result.Outcome is null ? RunStatus.Failed : RunStatus.Finished,
                Outcome = result.Outcome, Error = result.Outcome is null ? result.Error ?? "failed" : null,
                WallSeconds = result.WallSeconds, Created = _time.GetUtcNow(),
            };
            try
            {
                _store.Save(record, result.Curve);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref storeError, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
                return;
            }
            executed.Enqueue(record);
            int f = result.Outcome is null ? Interlocked.Increment(ref failed) : Volatile.Read(ref failed);
            progress?.Report(new StudyProgress(Interlocked.Increment(ref done), plan.Runs.Count, skipped, f, run, result.WallSeconds));
        }

        if (pending.Count > 0) await executor.ExecuteAsync(pending, Ended, stop.Token).ConfigureAwait(false);
        storeError?.Throw();

        var records = executed.ToArray();
        return new StudyExecution
        {
            Plan = plan,
            Executed = records,
            Skipped = skipped,
            Cancelled = cancellationToken.IsCancellationRequested && skipped + records.Length < plan.Runs.Count,
            WallSeconds = _time.GetElapsedTime(started).TotalSeconds,
        };
    }
}
