using System.Globalization;
using ScaleLab.Diagnostics;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>
/// Executes each run as a local process: at most <see cref="ProcessExecutorOptions.Workers"/> at
/// once, each with its own folder and log file (<c>run.log</c>: the command and both output
/// streams of every attempt), a timeout that kills the whole process tree, and retries with
/// backoff for the failures its <see cref="RetryPolicy"/> calls retryable. The result is the
/// <see cref="ResultDocument"/> the process wrote to <see cref="RunInvocation.ResultPath"/>, or
/// else the last JSON line it printed; JSON lines with a <c>step</c> make the run's learning curve.
/// Every attempt is granted by the options' <see cref="IAttemptLedger"/> first. Cancelling kills every
/// process tree in flight; those runs are abandoned, not reported.
/// </summary>
public sealed class ProcessExecutor : IRunExecutor
{
    private readonly Func<RunInvocation, RunCommand> _command;
    private readonly ProcessExecutorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    /// <param name="command">The command of one attempt (it may write the run's inputs into <see cref="RunInvocation.Directory"/>).</param>
    /// <param name="options">Workers, folders, timeout, retries and the ledger of attempts.</param>
    /// <param name="time">Clock for wall times, timeouts, backoff and log stamps.</param>
    public ProcessExecutor(Func<RunInvocation, RunCommand> command, ProcessExecutorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _command = command;
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public int Workers => _options.Workers;

    /// <summary>The folder of <paramref name="run"/> under <see cref="ProcessExecutorOptions.RunsDirectory"/>.</summary>
    public string DirectoryOf(PlannedRun run) => RunInvocation.DirectoryOf(_options.RunsDirectory, run);

    /// <inheritdoc />
    public async Task ExecuteAsync(IReadOnlyList<PlannedRun> runs, Action<ExecutedRun> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(ended);
        var ledger = _options.Ledger ?? new CountingLedger();
        int next = -1;
        async Task Work()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= runs.Count) return;
                if (await RunAsync(runs[i], ledger, cancellationToken).ConfigureAwait(false) is { } result) ended(result);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, runs.Count)).Select(_ => Task.Run(Work, CancellationToken.None))).ConfigureAwait(false);
    }

    /// <summary>Every attempt of one run; null when it was abandoned or left to another worker.</summary>
    private async Task<ExecutedRun?> RunAsync(PlannedRun run, IAttemptLedger ledger, CancellationToken cancellationToken)
    {
        string directory = DirectoryOf(run);
        Directory.CreateDirectory(directory);
        string logPath = Path.Combine(directory, "run.log");
        var earlier = new List<string>();
        double seconds = 0;
        int made = 0;
        while (true)
        {
            if (ledger.Begin(run) is not { } attempt) return null;
            if (attempt.Adopted)
            {
                // The process of an earlier driver lost the pipes of its output with it: stop it and start again.
                bool stopped = LocalJob.Is(attempt.JobId!) && LocalJob.Stop(attempt.JobId!);
                ledger.Ended(attempt, new AttemptFailure
                {
                    Reason = stopped ? "its driver stopped; the process it left was killed" : "its driver stopped", Retryable = true, State = AttemptState.Cancelled,
                });
                continue;
            }
            made++;
            var invocation = new RunInvocation(run, attempt.Number, directory, Path.Combine(directory, "result.json"));
            var result = await new ProcessAttempt(_command, _options, _time, attempt, ledger).RunAsync(invocation, logPath, cancellationToken).ConfigureAwait(false);
            seconds += result.Seconds;
            if (result.Abandoned)
            {
                ledger.Ended(attempt, new AttemptFailure { Reason = "cancelled", Retryable = false, State = AttemptState.Cancelled });
                return null;
            }
            int count = attempt.EarlierFailures + 1;
            if (result.Outcome is { } outcome)
            {
                if (earlier.Count > 0)
                {
                    outcome = outcome with
                    {
                        Diagnostics = [.. outcome.Diagnostics, Diagnostic.Info("retried", $"finished on attempt {attempt.Number} after: {string.Join("; ", earlier)}")],
                    };
                }
                return new ExecutedRun { Run = run, Outcome = outcome, WallSeconds = seconds, Attempts = made, LogPath = logPath, Attempt = attempt, Curve = result.Curve };
            }
            var failure = result.Failure!;
            if (!failure.Retryable || count >= _options.Retry.MaxAttempts)
            {
                return new ExecutedRun
                {
                    Run = run, Error = AttemptResults.Error(failure, count, _options.Retry.MaxAttempts, earlier, logPath), WallSeconds = seconds, Attempts = made,
                    LogPath = logPath, Attempt = attempt, Failure = failure, Curve = result.Curve,
                };
            }
            ledger.Ended(attempt, failure);
            earlier.Add(failure.Reason);
            try
            {
                await Task.Delay(_options.Retry.Backoff(count), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>The header line of an attempt in its run's log.</summary>
    internal static string Header(RunAttempt attempt, int max, DateTimeOffset now, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"# attempt {attempt.Number}{(attempt.Number == attempt.EarlierFailures + 1 ? $" of {max}" : "")}, {now:yyyy-MM-ddTHH:mm:ssZ}: {what}");
}
