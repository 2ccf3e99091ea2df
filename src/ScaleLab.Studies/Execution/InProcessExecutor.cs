using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>
/// Executes runs by calling a train function on dedicated worker threads in this process, one run
/// per worker at a time (a trainer should use one thread). A train function that throws
/// <see cref="OperationCanceledException"/> after cancellation abandons its run; any other
/// exception fails the run with its message. No retries: an exception in process is not transient.
/// </summary>
public sealed class InProcessExecutor : IRunExecutor
{
    private readonly Func<PlannedRun, CancellationToken, RunOutcome> _train;
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    /// <param name="train">Trains one run.</param>
    /// <param name="time">Clock for the runs' wall times.</param>
    /// <param name="workers">Parallel runs; null = one per core.</param>
    public InProcessExecutor(Func<PlannedRun, CancellationToken, RunOutcome> train, TimeProvider time, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(time);
        if (workers is < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "workers must be at least 1");
        _train = train;
        _time = time;
        Workers = workers ?? Environment.ProcessorCount;
    }

    /// <inheritdoc />
    public int Workers { get; }

    /// <inheritdoc />
    public Task ExecuteAsync(IReadOnlyList<PlannedRun> runs, Action<ExecutedRun> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(ended);
        int next = -1;

        void Work()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= runs.Count) return;
                var run = runs[i];
                long start = _time.GetTimestamp();
                RunOutcome? outcome = null;
                string? error = null;
                try
                {
                    outcome = _train(run, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                ended(new ExecutedRun { Run = run, Outcome = outcome, Error = error, WallSeconds = _time.GetElapsedTime(start).TotalSeconds });
            }
        }

        // Dedicated threads rather than the thread pool: runs take seconds to minutes and the pool
        // would inject extra threads that compete for the cores the workers already use.
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(Workers, runs.Count)))
            .Select(w => new Thread(Work) { IsBackground = true, Name = $"study worker {w}" })
            .ToArray();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joiner = new Thread(() =>
        {
            foreach (var t in threads) t.Join();
            done.SetResult();
        }) { IsBackground = true, Name = "study workers join" };
        foreach (var t in threads) t.Start();
        joiner.Start();
        return done.Task;
    }
}
