using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ScaleLab.Store;

namespace ScaleLab.Studies;

/// <summary>
/// Executes a <see cref="StudyPlan"/>: skips the runs the store already holds finished, runs the
/// others on parallel workers (one run per worker at a time; a trainer should use one thread) and
/// stores each run as soon as it ends. Cancelling abandons the runs in flight and keeps every
/// finished one, so executing the same plan again runs only what is missing.
/// </summary>
public sealed class StudyRunner
{
    private readonly RunStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner writing to <paramref name="store"/>.</summary>
    /// <param name="store">Where runs are read from and written to.</param>
    /// <param name="time">Clock for run timestamps and wall times.</param>
    /// <param name="workers">Parallel runs; null = one per core.</param>
    public StudyRunner(RunStore store, TimeProvider time, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (workers is < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "workers must be at least 1");
        _store = store;
        _time = time;
        Workers = workers ?? Environment.ProcessorCount;
    }

    /// <summary>Number of runs executed at once.</summary>
    public int Workers { get; }

    /// <summary>
    /// Runs every planned run that the store does not hold finished. <paramref name="train"/> gets
    /// the run and the token; it returns the outcome, throws <see cref="OperationCanceledException"/>
    /// when cancelled (the run is then not stored), or throws anything else (the run is stored as
    /// failed, with the message, and retried next time). The plan's regimes are stored with the study
    /// (<see cref="StoredRegimes"/>), so it can be analysed from the store alone.
    /// </summary>
    public StudyExecution Run(StudyPlan plan, Func<PlannedRun, CancellationToken, RunOutcome> train,
        IProgress<StudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(train);
        long started = _time.GetTimestamp();
        _store.EnsureStudy(plan.Name, plan.Seed, plan.Description);
        StoredRegimes.Save(_store, plan);
        var finished = _store.FinishedKeys(plan.Name);
        var pending = plan.Runs.Where(r => !finished.Contains(r.Key)).ToArray();
        int skipped = plan.Runs.Count - pending.Length;
        progress?.Report(new StudyProgress(skipped, plan.Runs.Count, skipped, 0, null, 0));

        var executed = new ConcurrentQueue<RunRecord>();
        int next = -1, done = skipped, failed = 0;
        ExceptionDispatchInfo? storeError = null;
        // A failure to store ends the study: continuing would train runs whose results cannot be kept.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        void Work()
        {
            while (!token.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= pending.Length) return;
                var run = pending[i];
                long start = _time.GetTimestamp();
                RunOutcome? outcome = null;
                string? error = null;
                try
                {
                    outcome = train(run, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                double seconds = _time.GetElapsedTime(start).TotalSeconds;
                var record = new RunRecord
                {
                    Study = plan.Name, Key = run.Key, Kind = run.Kind, Group = run.Group,
                    Specification = run.SpecificationJson, Seed = run.Seed,
                    Status = outcome is null ? RunStatus.Failed : RunStatus.Finished,
                    Outcome = outcome, Error = error, WallSeconds = seconds, Created = _time.GetUtcNow(),
                };
                try
                {
                    _store.Save(record);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref storeError, ExceptionDispatchInfo.Capture(e), null);
                    stop.Cancel();
                    return;
                }
                executed.Enqueue(record);
                int f = outcome is null ? Interlocked.Increment(ref failed) : Volatile.Read(ref failed);
                progress?.Report(new StudyProgress(Interlocked.Increment(ref done), plan.Runs.Count, skipped, f, run, seconds));
            }
        }

        // Dedicated threads rather than the thread pool: runs take seconds to minutes and the pool
        // would inject extra threads that compete for the cores the workers already use.
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(Workers, pending.Length)))
            .Select(w => new Thread(Work) { IsBackground = true, Name = $"study worker {w}" })
            .ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
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
