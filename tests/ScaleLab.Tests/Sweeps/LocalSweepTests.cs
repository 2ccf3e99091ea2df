using System.Diagnostics;
using System.Text.Json.Nodes;
using ScaleLab.Store;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Sweeps;

/// <summary>
/// <c>scalelab sweep</c> as a real process with the local executor over a real shell command: run to
/// completion, stored and fitted; SIGKILLed mid-sweep and resumed without repeating a finished run;
/// status, fit and report from the store; cancel; a malformed file.
/// </summary>
public sealed class LocalSweepTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void ASweepRunsEveryRunOnce_StoresThem_AndFitsTheLawItsCommandFollows()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        var sweep = new SweepScripts(_dir.Path);
        string db = _dir.File("s.db");
        // A dry run prints every run's command and the Slurm job script, and runs nothing.
        var (code, output, error) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", db, "--dry-run", "--executor", "slurm", "--parallel", "4");
        Assert.True(code == 0, error);
        Assert.Equal(SweepScripts.Runs, output.Split('\n').Count(l => l.Contains(": sh train.sh ", StringComparison.Ordinal)));
        Assert.Contains($"#SBATCH --array=0-{SweepScripts.Runs - 1}%4", output);
        Assert.Empty(sweep.Starts);
        Assert.False(File.Exists(db));

        (code, output, error) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", db);
        log.WriteLine(output + error);
        Assert.Equal(0, code);
        Assert.Equal(SweepScripts.Runs, sweep.Starts.Distinct().Count());
        Assert.Equal(SweepScripts.Runs, sweep.Starts.Count);

        using (var store = RunStore.Open(db, TimeProvider.System))
        {
            var runs = store.Runs("toy");
            Assert.Equal(SweepScripts.Runs, runs.Count);
            Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
            // The planned N and D stand for the run (the command reports only the loss), and the loss is the command's.
            Assert.All(runs, r => Assert.Equal(1.69 + 406.4 / Math.Pow(r.Outcome!.Parameters.Value, 0.34) + 410.7 / Math.Pow(r.Outcome.Tokens!.Value.Value, 0.28), r.Outcome.HeldOut["loss"], 1e-9));
        }

        // A second run finds everything finished and starts nothing.
        (code, output, _) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", db);
        Assert.Equal(0, code);
        Assert.Equal(SweepScripts.Runs, sweep.Starts.Count);
        Assert.Contains($"0 run(s) finished now, {SweepScripts.Runs} already in the store", output);

        // Status: every run finished, and the fit recovers the law the command follows.
        (code, output, error) = SweepScripts.Cli("sweep", "status", sweep.SweepFile, "--store", db, "--json");
        Assert.True(code == 0, error);
        Serialization.JsonSchemaTests.Conforms(output, "scalelab.sweep-status/1");
        var status = JsonNode.Parse(output)!;
        Assert.Equal(SweepScripts.Runs, (int)status["runs"]!["finished"]!);
        Assert.Equal(SweepScripts.Runs, (int)status["runs"]!["total"]!);
        Assert.Equal(0.34, (double)status["fit"]!["parameters"]!["alpha"]!, 3);
        Assert.Equal(0.28, (double)status["fit"]!["parameters"]!["beta"]!, 3);
        Assert.Equal(1e21, (double)status["fit"]!["prediction"]!["compute"]!);

        (code, output, error) = SweepScripts.Cli("fit", "--store", db, "--sweep", "toy", "--json");
        Assert.True(code == 0, error);
        Assert.Equal(1.69, (double)JsonNode.Parse(output)!["parameters"]!["E"]!, 3);

        string html = _dir.File("r.html");
        (code, output, error) = SweepScripts.Cli("report", "--store", db, "--sweep", "toy", "--out", html);
        Assert.True(code == 0, error);
        Assert.Contains($"{SweepScripts.Runs} runs, chinchilla", output);
        Assert.Contains("Sweep toy", File.ReadAllText(html));

        (code, _, error) = SweepScripts.Cli("fit", "--store", db, "--sweep", "other");
        Assert.Equal(2, code);
        Assert.Contains("sweep 'other' is not in", error);
    }

    [SkippableFact]
    public void ADriverKilledMidSweep_ResumesTheRest_AndNeverRepeatsAFinishedRun()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        var sweep = new SweepScripts(_dir.Path, sleepSeconds: 1);
        string db = _dir.File("s.db");
        using (var process = Process.Start(CliProcess.Start("sweep", "run", sweep.SweepFile, "--store", db))!)
        {
            _ = process.StandardError.ReadToEndAsync();
            int finished = 0;
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.Contains("] finished ", StringComparison.Ordinal) && ++finished == 3) break;
            }
            Assert.Equal(3, finished);
            process.Kill(); // SIGKILL: no handler runs
            process.WaitForExit();
        }
        IReadOnlySet<string> before;
        using (var store = RunStore.Open(db, TimeProvider.System)) before = store.FinishedKeys("toy");
        log.WriteLine($"killed with {before.Count} run(s) stored, {sweep.Starts.Count} started");
        Assert.InRange(before.Count, 3, SweepScripts.Runs - 1);

        // The status of a killed sweep says which runs are left, and never that it is settled.
        var (code, output, error) = SweepScripts.Cli("sweep", "status", sweep.SweepFile, "--store", db, "--json");
        Assert.True(code == 0, error);
        var status = JsonNode.Parse(output)!;
        Assert.Equal(before.Count, (int)status["runs"]!["finished"]!);
        Assert.False((bool)status["settled"]!);

        (code, output, error) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", db);
        log.WriteLine(output + error);
        Assert.Equal(0, code);
        Assert.Contains($"{before.Count} already in the store", output);
        using var final = RunStore.Open(db, TimeProvider.System);
        var runs = final.Runs("toy");
        Assert.Equal(SweepScripts.Runs, runs.Count(r => r.Status == RunStatus.Finished));
        Assert.Equal(SweepScripts.Runs, runs.Count);
        // A run stored before the kill was started exactly once; only runs in flight at the kill ran again.
        var starts = sweep.Starts.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(before, key => Assert.Equal(1, starts[key[..12]]));
        Assert.Equal(SweepScripts.Runs, starts.Count);
    }

    [SkippableFact]
    public void CancelStopsARunningDriver_KeepsWhatFinished_AndRunResumes()
    {
        Skip.IfNot(ShellRuns.Available, ShellRuns.NoShell);
        var sweep = new SweepScripts(_dir.Path, sleepSeconds: 2, workers: 1);
        string db = _dir.File("s.db");
        using var process = Process.Start(CliProcess.Start("sweep", "run", sweep.SweepFile, "--store", db))!;
        var rest = process.StandardError.ReadToEndAsync();
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("] finished ", StringComparison.Ordinal))
        {
        }
        var (code, output, error) = SweepScripts.Cli("sweep", "cancel", sweep.SweepFile, "--store", db);
        log.WriteLine(output + error);
        Assert.Equal(0, code);
        Assert.Contains("no driver runs it now", output);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, process.ExitCode);
        int kept;
        using (var store = RunStore.Open(db, TimeProvider.System)) kept = store.FinishedKeys("toy").Count;
        Assert.InRange(kept, 1, SweepScripts.Runs - 1);

        (code, output, _) = SweepScripts.Cli("sweep", "status", sweep.SweepFile, "--store", db);
        Assert.Equal(0, code);
        Assert.Contains($"finished {kept}", output);
    }

    [Fact]
    public void AMalformedSweepFile_IsReportedWithLineAndColumn_ExitCode2()
    {
        string file = _dir.File("bad.toml", """
            name = "bad"
            [grid]
            kind = "nxd"
            params = [1e6, -3]
            tokns = [1e8]
            [command]
            run = "python train.py {params}"
            """);
        var (code, output, error) = SweepScripts.Cli("sweep", "validate", file);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("bad.toml:4:", error);
        Assert.Contains("did you mean 'tokens'", error);
    }
}
