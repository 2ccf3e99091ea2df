using System.Diagnostics;
using System.Text.Json.Nodes;
using ScaleLab.Store;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Sweeps;

/// <summary>
/// <c>scalelab sweep run --executor slurm</c> as a real process against the real single-node Slurm of
/// <see cref="SlurmCluster"/>: a sweep submitted as one job array runs to completion and is stored
/// and fitted; <c>sweep cancel</c> stops its tasks with scancel and the status reports them cancelled.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmSweepTests(SlurmCluster cluster, ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void ASweepThroughSlurm_RunsAsOneArray_IsStored_AndFitted()
    {
        cluster.Require();
        var sweep = new SweepScripts(_dir.Path, sleepSeconds: 0.2);
        string db = _dir.File("s.db");
        var (code, output, error) = SweepScripts.Cli("sweep", "run", sweep.SweepFile, "--store", db, "--executor", "slurm", "--poll", "1s", "--json");
        log.WriteLine(output + error);
        Assert.Equal(0, code);
        Serialization.JsonSchemaTests.Conforms(output, "scalelab.sweep-run/1");
        var document = JsonNode.Parse(output)!;
        Assert.Equal("slurm", (string)document["executor"]!);
        Assert.Equal(SweepScripts.Runs, (int)document["runs"]!["finished"]!);
        // One sbatch for the whole grid: a job array.
        Assert.Equal(1, (int)document["slurmCalls"]!["sbatch"]!);
        Assert.Equal(0.34, (double)document["fit"]!["parameters"]!["alpha"]!, 3);
        Assert.Equal(SweepScripts.Runs, sweep.Ends.Distinct().Count());

        using var store = RunStore.Open(db, TimeProvider.System);
        Assert.Equal(SweepScripts.Runs, store.FinishedKeys("toy").Count);
        var attempts = store.Attempts("toy");
        Assert.Equal(SweepScripts.Runs, attempts.Count);
        // Every attempt was an array task of the one job, addressed JOBID_TASKID.
        Assert.Single(attempts.Select(a => a.JobId!.Split('_')[0]).Distinct());
        Assert.All(attempts, a => Assert.Matches(@"^\d+_\d+$", a.JobId!));
    }

    [SkippableFact]
    public void CancelStopsTheSweepsSlurmTasks_AndStatusReportsThemCancelled()
    {
        cluster.Require();
        var sweep = new SweepScripts(_dir.Path, sleepSeconds: 300, name: "long");
        string db = _dir.File("s.db");
        using var driver = Process.Start(CliProcess.Start("sweep", "run", sweep.SweepFile, "--store", db, "--executor", "slurm", "--poll", "1s"))!;
        var stdout = driver.StandardOutput.ReadToEndAsync();
        var stderr = driver.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (sweep.Starts.Count == 0 && DateTime.UtcNow < deadline) Thread.Sleep(200);
        Assert.NotEmpty(sweep.Starts);

        var (code, output, error) = SweepScripts.Cli("sweep", "cancel", sweep.SweepFile, "--store", db);
        log.WriteLine(output + error);
        Assert.Equal(0, code);
        Assert.Contains("cancelled its Slurm jobs", output);
        Assert.True(driver.WaitForExit(TimeSpan.FromSeconds(30)), "the driver did not stop");
        log.WriteLine(stdout.Result + stderr.Result);
        Assert.Equal(130, driver.ExitCode);
        // Nothing of the sweep is left in the queue.
        Assert.Equal("", SlurmCluster.Command("squeue", "-h", "-r", "-o", "%i %j").Trim());

        (code, output, error) = SweepScripts.Cli("sweep", "status", sweep.SweepFile, "--store", db, "--json");
        Assert.True(code == 0, error);
        var runs = JsonNode.Parse(output)!["runs"]!;
        Assert.Equal(0, (int)runs["finished"]!);
        Assert.Equal(0, (int)runs["running"]! + (int)runs["queued"]! + (int)runs["starting"]!);
        Assert.InRange((int)runs["cancelled"]!, 1, SweepScripts.Runs);
        Assert.True((bool)JsonNode.Parse(output)!["settled"]!);
        Assert.Empty(sweep.Ends);
    }

    [SkippableFact]
    public void ATaskLostWithItsNode_IsResubmitted_AndResumesFromItsCheckpointFolder()
    {
        cluster.Require();
        string folder = _dir.Path;
        File.WriteAllText(Path.Combine(folder, "train.sh"), """
            #!/bin/sh
            if [ -f "$3/ckpt" ]; then resumed=1; else resumed=0; fi
            echo "attempt $4" >> "$3/ckpt"
            if [ "$resumed" = 0 ]; then touch "$5/started"; sleep 300; fi
            printf '{"loss": 3.5, "resumed": %s}\n' "$resumed"
            """);
        string file = Path.Combine(folder, "sweep.toml");
        File.WriteAllText(file, $$"""
            name = "lost"
            [grid]
            kind = "list"
            runs = [{ params = 1e6, tokens = 1e8 }]
            [command]
            run = "sh train.sh {params} {tokens} {checkpoint_dir} {attempt} {{folder}}"
            [retry]
            attempts = 3
            backoff = "1s"
            preemption = true
            """);
        string db = _dir.File("s.db");
        using var driver = Process.Start(CliProcess.Start("sweep", "run", file, "--store", db, "--executor", "slurm", "--poll", "1s"))!;
        var stdout = driver.StandardOutput.ReadToEndAsync();
        var stderr = driver.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(folder, "started")) && DateTime.UtcNow < deadline) Thread.Sleep(200);
        Assert.True(File.Exists(Path.Combine(folder, "started")), "the task did not start");
        // The node goes down under the running task (NODE_FAIL), then comes back.
        string node = SlurmCluster.Command("sinfo", "-h", "-o", "%N").Trim();
        SlurmCluster.Command("scontrol", "update", $"nodename={node}", "state=down", "reason=scalelab-test");
        Thread.Sleep(2000);
        try
        {
            SlurmCluster.Command("scontrol", "update", $"nodename={node}", "state=resume");
        }
        catch (InvalidOperationException)
        {
            // The node registered again on its own (ReturnToService=2) and is up already.
        }
        Assert.True(driver.WaitForExit(TimeSpan.FromSeconds(120)), "the driver did not finish");
        log.WriteLine(stdout.Result + stderr.Result);
        Assert.Equal(0, driver.ExitCode);

        using var store = RunStore.Open(db, TimeProvider.System);
        var run = Assert.Single(store.Runs("lost"));
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(1, run.Outcome!.HeldOut["resumed"]);
        var attempts = store.Attempts("lost").OrderBy(a => a.Attempt).ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(AttemptState.Preempted, attempts[0].State);
        Assert.Contains("NODE_FAIL", attempts[0].Reason);
        // Resubmitted by the driver as a new job, not requeued by Slurm.
        Assert.NotEqual(attempts[0].JobId!.Split('_')[0], attempts[1].JobId!.Split('_')[0]);
    }
}
