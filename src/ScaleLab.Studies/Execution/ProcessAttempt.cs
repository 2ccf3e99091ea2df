using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>One attempt of a <see cref="ProcessExecutor"/>: the process started, its output logged and read, its timeout and cancellation enforced on the whole tree.</summary>
internal sealed class ProcessAttempt(Func<RunInvocation, RunCommand> factory, ProcessExecutorOptions options, TimeProvider time, RunAttempt attempt, IAttemptLedger ledger)
{
    public async Task<Result> RunAsync(RunInvocation invocation, string logPath, CancellationToken cancellationToken)
    {
        File.Delete(invocation.ResultPath);
        Directory.CreateDirectory(invocation.CheckpointDirectory);
        using var log = new RunLog(logPath, options.ErrorTailLines);
        RunCommand command;
        try
        {
            command = factory(invocation);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The factory may write the run's inputs; whatever stops it fails this run, not the study.
            log.Line($"# attempt {invocation.Attempt}: the command could not be prepared: {e.Message}");
            return Failed($"the command could not be prepared: {e.Message}", retryable: false, 0, log);
        }
        log.Line(ProcessExecutor.Header(attempt, options.Retry.MaxAttempts, time.GetUtcNow(), command.ToString()));

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
        var output = new RunOutput();
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            log.Line(line);
            output.Line(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) log.Line(line);
        };

        long start = time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            log.Line($"# cannot start {command.FileName}: {e.Message}");
            return Failed($"cannot start {command.FileName}: {e.Message}", retryable: false, 0, log);
        }
        // Nothing is typed to a run: its standard input ends at once instead of waiting on ours.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited) exited.TrySetResult();
        ledger.Submitted(attempt, LocalJob.Id(process), started: true);

        using var timeout = options.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
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
        double seconds = time.GetElapsedTime(start).TotalSeconds;

        if (killed && cancellationToken.IsCancellationRequested) return Result.Abandon;
        if (killed)
        {
            string reason = string.Create(CultureInfo.InvariantCulture, $"timed out after {options.Timeout!.Value.TotalSeconds:G4} s (process tree killed)");
            log.Line("# " + reason);
            return Failed(reason, options.Retry.RetryTimeouts, seconds, log, output);
        }
        int code = process.ExitCode;
        if (code != 0)
        {
            if (ProcessExit.IsInterrupt(code) && await CancelledWithinAsync(options.InterruptGrace, cancellationToken).ConfigureAwait(false)) return Result.Abandon;
            var failure = AttemptResults.Exited(code, options.Retry, log.Tail());
            log.Line("# " + failure.Reason);
            return new Result(null, failure, false, seconds, output.Curve());
        }
        var (outcome, problem) = AttemptResults.Read(invocation.ResultPath, output.LastJson, options.Result, options.Defaults?.Invoke(invocation.Run), log.Tail);
        log.Line("# " + (problem?.Reason ?? "finished"));
        return new Result(outcome, problem, false, seconds, output.Curve());
    }

    private static Result Failed(string reason, bool retryable, double seconds, RunLog log, RunOutput? output = null) =>
        new(null, new AttemptFailure { Reason = reason, Retryable = retryable, LogTail = log.Tail() }, false, seconds, output?.Curve() ?? []);

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
            await Task.Delay(grace, time, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>How the attempt ended: an outcome, a failure, or abandoned (cancelled).</summary>
    public sealed record Result(RunOutcome? Outcome, AttemptFailure? Failure, bool Abandoned, double Seconds, IReadOnlyList<CurvePoint> Curve)
    {
        public static Result Abandon { get; } = new(null, null, true, 0, []);
    }
}
