using System.Collections.Concurrent;
using System.Diagnostics;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Studies.Execution;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Studies;

/// <summary>The local process executor with small real shell commands: results, logs, timeouts, retries, cancellation and resumption.</summary>
public sealed class ProcessExecutorTests
{
    private static readonly int[] Sizes = [16, 32, 64, 128];

    private static ProcessExecutor Executor(TempDirectory dir, Func<PlannedRun, string> script, TimeSpan? timeout = null, RetryPolicy? retry = null, int workers = 2) =>
        new(ShellRuns.Script(script), new ProcessExecutorOptions
        {
            RunsDirectory = Path.Combine(dir.Path, "runs"), Workers = workers, Timeout = timeout, Retry = retry ?? RetryPolicy.None,
        }, TimeProvider.System);

    [SkippableFact]
    public void EachRunsResult_IsStoredFromItsLastJsonLine_AndItsOutputIsLogged()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("shell", 1, Sizes);
        var executor = Executor(dir, _ => $"echo starting size $SIZE; echo 'a warning' >&2; echo '{{\"not\": \"the last\"}}'; {ShellRuns.PrintResult()}");

        var execution = runner.Run(plan, executor);

        Assert.Equal(Sizes.Length, execution.Executed.Count);
        Assert.All(store.Runs("shell"), r => Assert.Equal(RunStatus.Finished, r.Status));
        foreach (var run in plan.Runs)
        {
            int size = ((ToySpec)run.Specification).Size;
            var stored = store.Runs("shell").Single(r => r.Key == run.Key).Outcome!;
            Assert.Equal(3 / Math.Sqrt(size), stored.HeldOut["loss"], 1e-5);
            Assert.Equal(size, stored.Tokens!.Value.Value);
            var log = File.ReadAllText(Path.Combine(executor.DirectoryOf(run), "run.log"));
            Assert.Contains($"starting size {size}", log);
            Assert.Contains("a warning", log);
            Assert.Contains("# finished", log);
        }
        // The law fitted through the processes' results is the one the script follows.
        var fit = RegimeAnalysis.FitAll(plan, store, resamples: 0).Single();
        Assert.Equal(0.5, fit.Alpha, 1e-4);
    }

    [SkippableFact]
    public void AResultFile_IsPreferredToStandardOutput()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("file", 1, [16, 64]);
        var executor = Executor(dir, _ => $"{ShellRuns.PrintResult("999")}; {ShellRuns.PrintResult()} > \"$RESULT\"");

        runner.Run(plan, executor);

        Assert.Equal([16.0, 64.0], store.Runs("file").Select(r => r.Outcome!.Tokens!.Value.Value).Order());
    }

    [SkippableFact]
    public void ARunPastItsTimeout_HasItsWholeProcessTreeKilled_AndFails()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("slow", 1, [16]);
        // The run starts a grandchild that would outlive a kill of the shell alone, then waits for it.
        var executor = Executor(dir, _ => "sleep 300 & echo $! > \"$RUN_DIR/child.pid\"; wait", timeout: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var execution = runner.Run(plan, executor);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 30);
        var failed = Assert.Single(execution.Executed);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("timed out after 1 s", failed.Error);
        int child = int.Parse(File.ReadAllText(Path.Combine(executor.DirectoryOf(plan.Runs[0]), "child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => !ShellRuns.IsAlive(child), TimeSpan.FromSeconds(10)), $"grandchild {child} still runs after the timeout");
    }

    [SkippableFact]
    public void ARunKilledBySignalTwice_IsRetriedWithBackoff_AndRecordedWithItsAttempts()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("flaky", 1, [16]);
        var retry = new RetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(200), BackoffFactor = 2 };
        // Attempts 1 and 2 die of SIGKILL (as under the out-of-memory killer); attempt 3 succeeds.
        var executor = Executor(dir, _ => $"echo attempt $ATTEMPT >> \"$RUN_DIR/attempts\"; if [ $ATTEMPT -lt 3 ]; then kill -9 $$; fi; {ShellRuns.PrintResult()}", retry: retry);
        var clock = Stopwatch.StartNew();

        var execution = runner.Run(plan, executor);

        // Waits of 0.2 s and 0.4 s between the three attempts.
        Assert.True(clock.Elapsed.TotalSeconds >= 0.6, $"{clock.Elapsed.TotalSeconds} s: the backoff was not waited");
        var run = Assert.Single(store.Runs("flaky"));
        Assert.Equal(RunStatus.Finished, run.Status);
        var retried = Assert.Single(run.Outcome!.Diagnostics, d => d.Code == "retried");
        Assert.Contains("finished on attempt 3", retried.Message);
        Assert.Contains("exit code 137 (signal 9, SIGKILL)", retried.Message);
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], File.ReadAllLines(Path.Combine(executor.DirectoryOf(plan.Runs[0]), "attempts")));
        Assert.Single(execution.Executed);
    }

    [SkippableFact]
    public void ARunThatAlwaysFailsWithItsOwnExitCode_IsNotRetried_AndReportedWithTheTailOfItsLog()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("broken", 1, [16]);
        var executor = Executor(dir, _ => "echo attempt >> \"$RUN_DIR/attempts\"; echo 'loss went NaN at step 12' >&2; exit 1",
            retry: new RetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) });

        runner.Run(plan, executor);

        var run = Assert.Single(store.Runs("broken"));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith("exit code 1; log ", run.Error);
        Assert.EndsWith(": loss went NaN at step 12", run.Error);
        Assert.Single(File.ReadAllLines(Path.Combine(executor.DirectoryOf(plan.Runs[0]), "attempts")));
    }

    [SkippableFact]
    public void AnExitCodeListedAsTransient_IsRetried_UpToTheLimit()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("tempfail", 1, [16]);
        var retry = new RetryPolicy { MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10), RetryableExitCodes = new HashSet<int> { 75 } };
        var executor = Executor(dir, _ => "echo attempt >> \"$RUN_DIR/attempts\"; exit 75", retry: retry);

        runner.Run(plan, executor);

        var run = Assert.Single(store.Runs("tempfail"));
        Assert.StartsWith("exit code 75 (attempt 2 of 2; before: exit code 75)", run.Error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(executor.DirectoryOf(plan.Runs[0]), "attempts")).Length);
    }

    [SkippableFact]
    public void ExitZeroWithoutAResult_IsAFailure()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("silent", 1, [16, 32]);
        var executor = Executor(dir, run => ((ToySpec)run.Specification).Size == 16 ? "echo done" : "echo '{\"metrics\": {\"loss\": 1}}'");

        runner.Run(plan, executor);

        var errors = store.Runs("silent").ToDictionary(r => ((ToySpec)plan.Runs.Single(p => p.Key == r.Key).Specification).Size, r => r.Error);
        Assert.StartsWith("exit code 0 but no result", errors[16]);
        Assert.StartsWith("exit code 0 but the result has no 'parameters'", errors[32]);
    }

    [SkippableFact]
    public void Cancelling_KillsTheRunsInFlight_StoresNothingOfThem_AndARerunFinishesOnlyWhatIsMissing()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        var plan = ToyTrainer.Plan("cancel", 1, Sizes);
        // The first two runs in plan order finish at once; the others hang until cancelled.
        var quick = plan.Runs.Take(2).Select(r => r.Key).ToHashSet();
        using var cts = new CancellationTokenSource();
        var executor = Executor(dir, run => quick.Contains(run.Key)
            ? ShellRuns.PrintResult()
            : "echo $$ > \"$RUN_DIR/pid\"; sleep 300", workers: 2);
        var clock = Stopwatch.StartNew();
        var running = Task.Run(() => runner.Run(plan, executor, cancellationToken: cts.Token));
        // Cancel once both hanging runs have started.
        Assert.True(SpinWait.SpinUntil(() => plan.Runs.Skip(2).All(r => File.Exists(Path.Combine(executor.DirectoryOf(r), "pid"))), TimeSpan.FromSeconds(30)));
        cts.Cancel();
        var first = running.GetAwaiter().GetResult();

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 60);
        Assert.True(first.Cancelled);
        Assert.Equal(quick.Order(), store.FinishedKeys("cancel").Order());
        Assert.Equal(2, store.Runs("cancel").Count);
        foreach (var run in plan.Runs.Skip(2))
        {
            int pid = int.Parse(File.ReadAllText(Path.Combine(executor.DirectoryOf(run), "pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(SpinWait.SpinUntil(() => !ShellRuns.IsAlive(pid), TimeSpan.FromSeconds(10)), $"run process {pid} still runs after cancellation");
        }

        var started = new ConcurrentBag<string>();
        var rerun = Executor(dir, run =>
        {
            started.Add(run.Key);
            return ShellRuns.PrintResult();
        });
        var second = runner.Run(plan, rerun);

        Assert.Equal(plan.Runs.Skip(2).Select(r => r.Key).Order(), started.Order());
        Assert.Equal(2, second.Skipped);
        Assert.Equal(plan.Runs.Count, store.FinishedKeys("cancel").Count);
    }

    [SkippableFact]
    public void ARunInterruptedAsCancellationArrives_IsAbandoned_ButAnInterruptAloneIsAFailure()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"), TimeProvider.System);
        var runner = new StudyRunner(store, TimeProvider.System);
        // Ctrl-C reaches the run's process first: it ends with SIGINT's code, and the cancellation follows.
        var plan = ToyTrainer.Plan("interrupt", 1, [16]);
        using var cts = new CancellationTokenSource();
        var executor = Executor(dir, _ => "echo started > \"$RUN_DIR/started\"; sleep 0.2; kill -INT $$; sleep 5");
        var running = Task.Run(() => runner.Run(plan, executor, cancellationToken: cts.Token));
        Assert.True(SpinWait.SpinUntil(() => File.Exists(Path.Combine(executor.DirectoryOf(plan.Runs[0]), "started")), TimeSpan.FromSeconds(30)));
        Thread.Sleep(250);
        cts.Cancel();
        var execution = running.GetAwaiter().GetResult();
        Assert.True(execution.Cancelled);
        Assert.Empty(store.Runs("interrupt"));

        // Without a cancellation behind it, the same ending is a failure like any other signal.
        var alone = ToyTrainer.Plan("interrupt-alone", 1, [16]);
        runner.Run(alone, Executor(dir, _ => "kill -INT $$"));
        var failed = Assert.Single(store.Runs("interrupt-alone"));
        Assert.StartsWith("exit code 130 (signal 2, SIGINT)", failed.Error);
    }
}
