using ScaleLab.Diagnostics;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution.Slurm;

public sealed partial class SlurmExecutor
{
    /// <summary>A task left the queue: read how it ended, then report the run, retry it, or let it go.</summary>
    private void Finish(Execution state, Tracked tracked, string id, SlurmJobEnd? end)
    {
        var invocation = tracked.Invocation;
        string log = Path.Combine(invocation.Directory, "run.log");
        var output = RunOutput.FromLog(log);
        IReadOnlyList<string> Tail() => LogTail(log, _options.ErrorTailLines);
        var defaults = _options.Defaults?.Invoke(invocation.Run);
        RunOutcome? outcome = null;
        AttemptFailure? failure = null;
        switch (end?.State)
        {
            case "COMPLETED":
                (outcome, failure) = AttemptResults.Read(invocation.ResultPath, output.LastJson, _options.Result, defaults, Tail);
                break;
            case "PREEMPTED" or "TIMEOUT" or "NODE_FAIL" or "BOOT_FAIL" or "DEADLINE":
                string what = end.State switch
                {
                    "PREEMPTED" => "preempted", "TIMEOUT" => "past its time limit", "DEADLINE" => "past its deadline", _ => "lost with its node",
                };
                failure = new AttemptFailure
                {
                    Reason = $"{what} (Slurm {end.State}, task {id})", Retryable = _options.RetryPreemption, State = AttemptState.Preempted, ExitCode = end.ExitCode, LogTail = Tail(),
                };
                break;
            case "CANCELLED":
                failure = new AttemptFailure { Reason = $"cancelled (Slurm CANCELLED, task {id})", Retryable = false, State = AttemptState.Cancelled, ExitCode = end.ExitCode, LogTail = Tail() };
                break;
            case "OUT_OF_MEMORY":
                failure = new AttemptFailure { Reason = $"out of memory (Slurm OUT_OF_MEMORY, task {id})", Retryable = _options.Retry.RetrySignals, ExitCode = end.ExitCode, LogTail = Tail() };
                break;
            case { } other:
                var exited = AttemptResults.Exited(end.ExitCode is { } c and not 0 ? c : 1, _options.Retry, Tail());
                failure = exited with { Reason = $"{exited.Reason} (Slurm {other}, task {id})" };
                break;
            default:
                // Neither scontrol nor accounting knows the task any more: what it left behind decides.
                (outcome, failure) = AttemptResults.Read(invocation.ResultPath, output.LastJson, _options.Result, defaults, Tail);
                if (outcome is null)
                {
                    failure = new AttemptFailure
                    {
                        Reason = $"Slurm no longer knows how task {id} ended, and it left no result", Retryable = true,
                        State = tracked.SeenAlive ? AttemptState.Failed : AttemptState.Cancelled, LogTail = Tail(),
                    };
                }
                break;
        }
        double seconds = end?.Seconds ?? 0;
        if (failure is { State: AttemptState.Cancelled } && !tracked.SeenAlive)
        {
            // Stopped before this execution began (a `sweep cancel` while no driver ran): this execution runs it again.
            state.Ledger.Ended(tracked.Attempt, failure);
            state.Retries.Add((tracked.Attempt.Run, _time.GetUtcNow()));
            return;
        }
        Report(state, tracked.Attempt, outcome is null ? null : output, failure, seconds, outcome);
    }

    /// <summary>Reports the run, schedules its retry, or (cancelled) lets it go.</summary>
    private void Report(Execution state, RunAttempt attempt, RunOutput? output, AttemptFailure? failure, double seconds, RunOutcome? outcome = null)
    {
        var run = attempt.Run;
        var (earlier, total, made) = state.History.TryGetValue(run.Key, out var h) ? h : ([], 0, 0);
        total += seconds;
        made++;
        state.History[run.Key] = (earlier, total, made);
        string logPath = Path.Combine(RunInvocation.DirectoryOf(_options.RunsDirectory, run), "run.log");
        var curve = output?.Curve() ?? RunOutput.FromLog(logPath).Curve();
        if (outcome is not null)
        {
            if (earlier.Count > 0)
            {
                outcome = outcome with { Diagnostics = [.. outcome.Diagnostics, Diagnostic.Info("retried", $"finished on attempt {attempt.Number} after: {string.Join("; ", earlier)}")] };
            }
            state.Ended(new ExecutedRun { Run = run, Outcome = outcome, WallSeconds = total, Attempts = made, LogPath = logPath, Attempt = attempt, Curve = curve });
            return;
        }
        failure ??= new AttemptFailure { Reason = "failed", Retryable = false };
        if (failure.State == AttemptState.Cancelled)
        {
            state.Ledger.Ended(attempt, failure);
            return;
        }
        int count = attempt.EarlierFailures + 1;
        if (failure.Retryable && count < _options.Retry.MaxAttempts)
        {
            state.Ledger.Ended(attempt, failure);
            earlier.Add(failure.Reason);
            state.Retries.Add((run, _time.GetUtcNow() + _options.Retry.Backoff(count)));
            return;
        }
        state.Ended(new ExecutedRun
        {
            Run = run, Error = AttemptResults.Error(failure, count, _options.Retry.MaxAttempts, earlier, logPath), WallSeconds = total, Attempts = made, LogPath = logPath,
            Attempt = attempt, Failure = failure, Curve = curve,
        });
    }

    /// <summary>The last lines of the log's last attempt, without the lines ScaleLab wrote.</summary>
    private static IReadOnlyList<string> LogTail(string log, int lines)
    {
        if (!File.Exists(log)) return [];
        var all = File.ReadAllLines(log);
        int start = Array.FindLastIndex(all, l => l.StartsWith("# attempt", StringComparison.Ordinal)) + 1;
        return [.. all[start..].Where(l => l.Length > 0 && !l.StartsWith('#')).TakeLast(lines).Select(RunLog.Quote)];
    }
}
