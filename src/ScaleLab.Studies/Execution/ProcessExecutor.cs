using System.ComponentModel;
using System.Diagnostics;
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
/// else the last JSON line it printed. Cancelling kills every process tree in flight; those runs
/// are abandoned, not reported.
/// </summary>
public sealed class ProcessExecutor : IRunExecutor
{
    private readonly Func<RunInvocation, RunCommand> _command;
    private readonly ProcessExecutorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    /// <param name="command">The command of one attempt (it may write the run's inputs into <see cref="RunInvocation.Directory"/>).</param>
    /// <param name="options">Workers, folders, timeout and retries.</param>
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
    public string DirectoryOf(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(_options.RunsDirectory, run.Key[..Math.Min(12, run.Key.Length)]);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(IReadOnlyList<PlannedRun> runs, Action<ExecutedRun> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(ended);
        int next = -1;
        async Task Work()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= runs.Count) return;
                if (await RunAsync(runs[i], cancellationToken).ConfigureAwait(false) is not { } result) return;
                ended(result);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, runs.Count)).Select(_ => Task.Run(Work, CancellationToken.None))).ConfigureAwait(false);
    }

    /// <summary>Every attempt of one run; null when it was abandoned.</summary>
    private async Task<ExecutedRun?> RunAsync(PlannedRun run, CancellationToken cancellationToken)
    {
        string directory = DirectoryOf(run);
        Directory.CreateDirectory(directory);
        string logPath = Path.Combine(directory, "run.log");
        var earlier = new List<string>();
        double seconds = 0;
        for (int attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(new RunInvocation(run, attempt, directory, Path.Combine(directory, "result.json")), logPath, cancellationToken)
                .ConfigureAwait(false);
            if (result.Abandoned) return null;
            seconds += result.Seconds;
            if (result.Outcome is { } outcome)
            {
                if (earlier.Count > 0)
                {
                    outcome = outcome with
                    {
                        Diagnostics = [.. outcome.Diagnostics, Diagnostic.Info("retried", $"finished on attempt {attempt} after: {string.Join("; ", earlier)}")],
                    };
                }
                return new ExecutedRun { Run = run, Outcome = outcome, WallSeconds = seconds, Attempts = attempt, LogPath = logPath };
            }
            if (!result.Retryable || attempt >= _options.Retry.MaxAttempts)
            {
                string tried = attempt == 1 ? "" : $" (attempt {attempt} of {_options.Retry.MaxAttempts}; before: {string.Join("; ", earlier)})";
                string tail = result.Tail.Count == 0 ? "" : ": " + string.Join(" | ", result.Tail);
                return new ExecutedRun
                {
                    Run = run, Error = $"{result.Error}{tried}; log {logPath}{tail}", WallSeconds = seconds, Attempts = attempt, LogPath = logPath,
                };
            }
            earlier.Add(result.Error!);
            try
            {
                await Task.Delay(_options.Retry.Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task<Attempt> AttemptAsync(RunInvocation invocation, string logPath, CancellationToken cancellationToken)
    {
        File.Delete(invocation.ResultPath);
        using var log = new RunLog(logPath, _options.ErrorTailLines);
        RunCommand command;
        try
        {
            command = _command(invocation);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The factory may write the run's inputs; whatever stops it fails this run, not the study.
            log.Line($"# attempt {invocation.Attempt}: the command could not be prepared: {e.Message}");
            return Attempt.Failed($"the command could not be prepared: {e.Message}", retryable: false, 0, log);
        }
        log.Line(string.Create(CultureInfo.InvariantCulture,
            $"# attempt {invocation.Attempt} of {_options.Retry.MaxAttempts}, {_time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}: {command}"));

        var info = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory ?? invocation.Directory,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in command.Environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? lastJson = null;
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            log.Line(line);
            if (line.TrimStart().StartsWith('{')) Volatile.Write(ref lastJson, line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) log.Line(line);
        };

        long start = _time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            log.Line($"# cannot start {command.FileName}: {e.Message}");
            return Attempt.Failed($"cannot start {command.FileName}: {e.Message}", retryable: false, 0, log);
        }
        // Nothing is typed to a run: its standard input ends at once instead of waiting on ours.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited) exited.TrySetResult();

        using var timeout = _options.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        bool killed = false;
        try
        {
            await exited.Task.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            KillTree(process);
            try
            {
                await exited.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                log.Line("# the process did not end within 30 s of being killed");
            }
        }
        await DrainAsync(process).ConfigureAwait(false);
        double seconds = _time.GetElapsedTime(start).TotalSeconds;

        if (killed && cancellationToken.IsCancellationRequested) return Attempt.Abandon;
        if (killed)
        {
            string reason = string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Timeout!.Value.TotalSeconds:G4} s (process tree killed)");
            log.Line("# " + reason);
            return Attempt.Failed(reason, _options.Retry.RetryTimeouts, seconds, log);
        }
        int code = process.ExitCode;
        if (code != 0)
        {
            if (ProcessExit.IsInterrupt(code) && await CancelledWithinAsync(_options.InterruptGrace, cancellationToken).ConfigureAwait(false)) return Attempt.Abandon;
            string reason = ProcessExit.Describe(code);
            log.Line("# " + reason);
            return Attempt.Failed(reason, _options.Retry.IsRetryable(code), seconds, log);
        }
        string? text = File.Exists(invocation.ResultPath) ? await File.ReadAllTextAsync(invocation.ResultPath, CancellationToken.None).ConfigureAwait(false)
            : Volatile.Read(ref lastJson);
        if (text is null)
        {
            const string reason = "exit code 0 but no result: no result file and no JSON line on standard output";
            log.Line("# " + reason);
            return Attempt.Failed(reason, retryable: false, seconds, log);
        }
        try
        {
            var outcome = ResultDocument.Parse(text);
            log.Line("# finished");
            return new Attempt(outcome, null, false, false, seconds, []);
        }
        catch (InvalidDataException e)
        {
            log.Line("# " + e.Message);
            return Attempt.Failed($"exit code 0 but {e.Message}", retryable: false, seconds, log);
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException or AggregateException)
        {
            // It ended on its own meanwhile, or a descendant could not be signalled; nothing more can be done.
        }
    }

    /// <summary>Waits for the end of both output streams, which a surviving grandchild could hold open; a bounded wait.</summary>
    private static async Task DrainAsync(Process process)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> CancelledWithinAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(grace, _time, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private sealed record Attempt(RunOutcome? Outcome, string? Error, bool Retryable, bool Abandoned, double Seconds, IReadOnlyList<string> Tail)
    {
        public static Attempt Abandon { get; } = new(null, null, false, true, 0, []);

        public static Attempt Failed(string error, bool retryable, double seconds, RunLog log) => new(null, error, retryable, false, seconds, log.Tail());
    }
}
