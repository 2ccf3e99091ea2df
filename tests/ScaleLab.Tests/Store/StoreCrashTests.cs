using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ScaleLab.Store;
using ScaleLab.Tests.Support;
using static ScaleLab.Tests.Store.StoreSamples;

namespace ScaleLab.Tests.Store;

/// <summary>
/// A writer SIGKILLed at random moments: <c>scalelab store copy</c> as a real process, killed
/// mid-copy again and again, must leave a target that holds every batch it reported and only
/// whole runs, and that ends equal to the source once a copy is let finish.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class StoreCrashTests(PostgresServer server, ITestOutputHelper log) : IDisposable
{
    private const int Runs = 1000;
    private readonly StoreBackends _backends = new(server);

    public void Dispose() => _backends.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void ACopyKilledAtRandomMoments_LosesNoCommittedRun_LeavesNoHalfRun_AndResumesToAnEqualStore(string backend)
    {
        // SQLite writes a batch of short curves faster than a kill can follow a progress line; long curves make each of
        // its batches take milliseconds, as a server's round trips do for PostgreSQL.
        int points = backend == "sqlite" ? 200 : 20;
        var source = _backends.NewLocation("sqlite");
        using (var store = RunStore.Open(source, new ManualClock(T0)))
        {
            store.EnsureStudy("big", 5, "many runs with curves");
            store.ImportRuns([.. Enumerable.Range(0, Runs).Select(i =>
                (Finished("big", $"k{i:D4}", 2 + i * 1e-3, T0.AddSeconds(i), Tags(("lr", $"{i}e-5"))), Curve(points, 3.0 + i)))]);
        }
        string expected;
        using (var store = RunStore.Open(source, TimeProvider.System)) expected = StoreDump.Of(store);
        var target = _backends.NewLocation(backend);
        var random = new Random(20261201);
        int present = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            // Killed a random few milliseconds (under 5: a quiet machine copies a batch in about that) after the first or second batch this copy writes was
            // reported: inside the next batch's transaction whatever the machine's speed, with at
            // least two batches still to go.
            int after = Math.Min(present + StoreCopy.BatchSize * random.Next(1, 3), Runs - 2 * StoreCopy.BatchSize);
            var jitter = TimeSpan.FromMilliseconds(random.Next(0, 5));
            var (acknowledged, finished) = CopyAndKill(source, target, after, jitter);
            Assert.False(finished, "the copy finished before the kill");
            using var store = StoreBackends.Open(target, TimeProvider.System);
            var runs = store.Runs("big");
            log.WriteLine($"killed {jitter.TotalMilliseconds} ms after {after} runs: {acknowledged} reported copied, {runs.Count} in the target");
            Assert.True(runs.Count < Runs, "the copy finished before the kill");
            // Runs are committed in whole batches, in the source's order.
            Assert.Equal(0, runs.Count % StoreCopy.BatchSize);
            present = runs.Count;
            Assert.True(runs.Count >= acknowledged, $"{runs.Count} runs in the target, but {acknowledged} were reported copied");
            var curves = store.Curves("big");
            Assert.All(runs, r =>
            {
                Assert.Equal(points, curves[r.Key].Count);
                Assert.Equal("lr", Assert.Single(r.Tags).Key);
            });
            if (backend == "sqlite") Assert.Equal("ok", IntegrityCheck(target));
        }

        var watch = Stopwatch.StartNew();
        var (_, done) = CopyAndKill(source, target, int.MaxValue, TimeSpan.Zero);
        log.WriteLine($"final copy {watch.ElapsedMilliseconds} ms");
        Assert.True(done);
        using var final = StoreBackends.Open(target, TimeProvider.System);
        Assert.Equal(expected, StoreDump.Of(final));
    }

    /// <summary>
    /// Runs a copy and SIGKILLs it <paramref name="jitter"/> after it reported <paramref name="killAfter"/> runs
    /// committed; returns the runs it reported and whether it finished first.
    /// </summary>
    private static (int Acknowledged, bool Finished) CopyAndKill(string source, string target, int killAfter, TimeSpan jitter)
    {
        var start = CliProcess.Start("store", "copy", source, target);
        using var process = Process.Start(start)!;
        using var reached = new ManualResetEventSlim();
        int acknowledged = 0;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Progress().Match(line) is { Success: true } m)
            {
                int done = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                Volatile.Write(ref acknowledged, Math.Max(Volatile.Read(ref acknowledged), done));
                if (done >= killAfter) reached.Set();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        var exited = Task.Run(() => process.WaitForExit(TimeSpan.FromMinutes(3)));
        WaitHandle.WaitAny([reached.WaitHandle, ((IAsyncResult)exited).AsyncWaitHandle]);
        bool finished = exited.IsCompleted;
        if (!finished)
        {
            Thread.Sleep(jitter);
            process.Kill();
        }
        process.WaitForExit();
        if (finished) Assert.Equal(0, process.ExitCode);
        return (Volatile.Read(ref acknowledged), finished);
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    [GeneratedRegex(@"^copied (\d+)/\d+ runs")]
    private static partial Regex Progress();
}
