using ScaleLab.Store;
using ScaleLab.Tests.Support;
using static ScaleLab.Tests.Store.StoreSamples;

namespace ScaleLab.Tests.Store;

/// <summary>The store's behaviour, run once on SQLite and once on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreContractTests(PostgresServer server) : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly StoreBackends _backends = new(server);

    public void Dispose() => _backends.Dispose();

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void SaveThenReopen_KeepsEveryField_WithTagsAndLearningCurve(string backend)
    {
        var location = _backends.NewLocation(backend);
        var clock = new ManualClock(T0);
        var run = Finished("s", "k1", 2.5, T0.AddMinutes(3), Tags(("lr", "3e-4"), ("optimizer", "adam")));
        var failed = Failed("s", "k2", "InvalidOperationException: diverged", T0.AddMinutes(4));
        using (var store = StoreBackends.Open(location, clock))
        {
            store.EnsureStudy("s", 1, "a study");
            Assert.Equal(RunWrite.Stored, store.Save(run, Curve(5, 3.0)));
            Assert.Equal(RunWrite.Stored, store.Save(failed));
        }

        using var reopened = StoreBackends.Open(location, clock);
        var runs = reopened.Runs("s");
        Assert.Equal(2, runs.Count);
        Assert.Equal(run with { Outcome = null }, runs[0] with { Outcome = null });
        Assert.Equal(Tags(("lr", "3e-4"), ("optimizer", "adam")), runs[0].Tags);
        Assert.True(double.IsNaN(runs[0].Outcome!.HeldOut["excess_loss"]));
        Assert.Equal(2.25, runs[0].Outcome!.Train["loss"]);
        Assert.Equal(failed, runs[1]);
        var curve = reopened.Curve("s", "k1");
        Assert.Equal(Curve(5, 3.0).Select(p => (p.Step, p.Tokens, p.Metrics["loss"], p.Metrics["accuracy"])),
            curve.Select(p => (p.Step, p.Tokens, p.Metrics["loss"], p.Metrics["accuracy"])));
        Assert.Empty(reopened.Curve("s", "k2"));
        Assert.Equal(new StudyRecord("s", 1, "a study", T0), Assert.Single(reopened.Studies()));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void AFinishedResult_IsWrittenOnce_AndOnlyAFailureIsReplaced(string backend)
    {
        using var store = StoreBackends.Open(_backends.NewLocation(backend), new ManualClock(T0));
        store.EnsureStudy("s", 1, "");
        Assert.Equal(RunWrite.Stored, store.Save(Failed("s", "k", "first", T0)));
        Assert.Equal(RunWrite.Stored, store.Save(Failed("s", "k", "second", T0.AddSeconds(1))));
        Assert.Equal("second", Assert.Single(store.Runs("s")).Error);
        Assert.Equal(RunWrite.Stored, store.Save(Finished("s", "k", 2.0, T0.AddSeconds(2)), Curve(3, 2.0)));
        Assert.Equal(RunWrite.AlreadyFinished, store.Save(Finished("s", "k", 9.0, T0.AddSeconds(3)), Curve(7, 9.0)));
        Assert.Equal(RunWrite.AlreadyFinished, store.Save(Failed("s", "k", "late failure", T0.AddSeconds(4))));

        var run = Assert.Single(store.Runs("s"));
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(2.0, run.Outcome!.HeldOut["loss"]);
        Assert.Equal(3, store.Curve("s", "k").Count);
        Assert.Equal(["k"], store.FinishedKeys("s"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EnsureStudy_OnANewStore_FromEightConnectionsAtOnce_CreatesTheSchemaAndTheStudyOnce(string backend)
    {
        // Issue: two studies starting on a new store at once failed with "UNIQUE constraint failed: studies.name".
        for (int round = 0; round < 5; round++)
        {
            var location = _backends.NewLocation(backend);
            using var gate = new Barrier(8);
            var studies = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
            {
                gate.SignalAndWait();
                using var store = StoreBackends.Open(location, TimeProvider.System);
                return store.EnsureStudy("demo", 1, "same study from eight drivers");
            }, TaskCreationOptions.LongRunning)).ToArray();
            Assert.Single((await Task.WhenAll(studies)).Distinct());
            using var check = StoreBackends.Open(location, TimeProvider.System);
            Assert.Single(check.Studies());
        }
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void StudiesAndSweeps_ShareOneNamespace_AndASweepKeepsItsCreationWhenItsDefinitionChanges(string backend)
    {
        var clock = new ManualClock(T0);
        using var store = StoreBackends.Open(_backends.NewLocation(backend), clock);
        store.EnsureStudy("demo", 1, "");
        Assert.Contains("is a study", Assert.Throws<InvalidOperationException>(() => store.EnsureSweep("demo", "x")).Message);
        store.EnsureSweep("grid", "v1");
        Assert.Contains("is a sweep", Assert.Throws<InvalidOperationException>(() => store.EnsureStudy("grid", 1, "")).Message);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new SweepRecord("grid", "v2", T0), store.EnsureSweep("grid", "v2"));
        Assert.Equal([new SweepRecord("grid", "v2", T0)], store.Sweeps());
        Assert.Contains("seed 1", Assert.Throws<InvalidOperationException>(() => store.EnsureStudy("demo", 2, "")).Message);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void AClaim_IsExclusiveUntilItLapses_ThenTheNextClaimStartsANewAttempt(string backend)
    {
        var location = _backends.NewLocation(backend);
        var clock = new ManualClock(T0);
        using var a = StoreBackends.Open(location, clock);
        using var b = StoreBackends.Open(location, clock);
        a.EnsureSweep("sw", "");

        var first = a.TryClaim("sw", "r1", "worker-a", Lease);
        Assert.Equal(ClaimStatus.Claimed, first.Status);
        Assert.Equal(1, first.Claim!.Attempt);
        Assert.Equal(T0 + Lease, first.Claim.Expires);
        var held = b.TryClaim("sw", "r1", "worker-b", Lease);
        Assert.Equal(ClaimStatus.Held, held.Status);
        Assert.Equal("worker-a", held.Holder!.Worker);
        Assert.Equal([first.Claim], b.Claims("sw"));

        clock.Advance(TimeSpan.FromMinutes(4));
        var renewed = a.Renew(first.Claim, Lease)!;
        Assert.Equal(T0 + TimeSpan.FromMinutes(9), renewed.Expires);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(ClaimStatus.Held, b.TryClaim("sw", "r1", "worker-b", Lease).Status);

        clock.Advance(TimeSpan.FromMinutes(2));
        var second = b.TryClaim("sw", "r1", "worker-b", Lease);
        Assert.Equal(ClaimStatus.Claimed, second.Status);
        Assert.Equal(2, second.Claim!.Attempt);
        Assert.Null(a.Renew(renewed, Lease));
        Assert.False(a.UpdateAttempt(renewed, AttemptState.Running));
        var attempts = a.Attempts("sw", "r1");
        Assert.Equal([AttemptState.Failed, AttemptState.Claimed], attempts.Select(x => x.State));
        Assert.Contains("lapsed", attempts[0].Reason);
        Assert.Equal(["worker-a", "worker-b"], attempts.Select(x => x.Worker));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void ARunThatFailsTwiceThenSucceeds_IsRecordedWithItsThreeAttempts_AndCannotBeClaimedAgain(string backend)
    {
        var clock = new ManualClock(T0);
        using var store = StoreBackends.Open(_backends.NewLocation(backend), clock);
        store.EnsureSweep("sw", "");
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            var claim = store.TryClaim("sw", "r", "w", Lease).Claim!;
            Assert.Equal(attempt, claim.Attempt);
            Assert.True(store.UpdateAttempt(claim, AttemptState.Pending, jobId: $"40_{attempt}"));
            clock.Advance(TimeSpan.FromSeconds(5));
            Assert.True(store.UpdateAttempt(claim, AttemptState.Running));
            Assert.True(store.UpdateAttempt(claim, AttemptState.Failed, exitCode: 1, logTail: $"error {attempt}"));
            Assert.False(store.Renew(claim, Lease) is not null);
        }
        var last = store.TryClaim("sw", "r", "w", Lease).Claim!;
        Assert.Equal(RunWrite.Stored, store.Save(Finished("sw", "r", 2.0, clock.GetUtcNow()), claim: last));

        Assert.Equal(ClaimStatus.Finished, store.TryClaim("sw", "r", "other", Lease).Status);
        Assert.Empty(store.Claims("sw"));
        var attempts = store.Attempts("sw", "r");
        Assert.Equal([1, 2, 3], attempts.Select(x => x.Attempt));
        Assert.Equal([AttemptState.Failed, AttemptState.Failed, AttemptState.Finished], attempts.Select(x => x.State));
        Assert.Equal(["40_1", "40_2", null], attempts.Select(x => x.JobId));
        Assert.Equal([1, 1, (int?)null], attempts.Select(x => x.ExitCode));
        Assert.Equal("error 2", attempts[1].LogTail);
        Assert.Equal(T0.AddSeconds(5), attempts[0].Ended);
        Assert.All(attempts, x => Assert.NotNull(x.Ended));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void ARestartedDriver_AdoptsALapsedAttempt_ButNotOneThatAnotherClaimReplaced(string backend)
    {
        var clock = new ManualClock(T0);
        using var store = StoreBackends.Open(_backends.NewLocation(backend), clock);
        store.EnsureSweep("sw", "");
        var claim = store.TryClaim("sw", "r", "driver-1", Lease).Claim!;
        store.UpdateAttempt(claim, AttemptState.Running, jobId: "7_3");
        var running = Assert.Single(store.Attempts("sw", "r"));
        Assert.Equal(ClaimStatus.Held, store.TryAdopt(running, "driver-2", Lease).Status);

        clock.Advance(Lease);
        var adopted = store.TryAdopt(running, "driver-2", Lease);
        Assert.Equal(ClaimStatus.Claimed, adopted.Status);
        Assert.Equal(1, adopted.Claim!.Attempt);
        var after = Assert.Single(store.Attempts("sw", "r"));
        Assert.Equal(("driver-2", AttemptState.Running, "7_3"), (after.Worker, after.State, after.JobId));
        Assert.True(store.Release(adopted.Claim, AttemptState.Preempted, "preempted"));

        var next = store.TryClaim("sw", "r", "driver-2", Lease).Claim!;
        Assert.Equal(2, next.Attempt);
        Assert.Equal(ClaimStatus.Superseded, store.TryAdopt(after, "driver-3", Lease).Status);
        Assert.Equal([AttemptState.Preempted, AttemptState.Claimed], store.Attempts("sw", "r").Select(x => x.State));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EightConcurrentDrivers_NeverClaimTheSameRun_AndStoreEachResultOnce(string backend)
    {
        const int drivers = 8, runs = 160;
        var location = _backends.NewLocation(backend);
        using (var setup = StoreBackends.Open(location, TimeProvider.System)) setup.EnsureSweep("sw", "");
        var keys = Enumerable.Range(0, runs).Select(i => $"run{i:D3}").ToArray();
        using var gate = new Barrier(drivers);
        var work = Enumerable.Range(0, drivers).Select(d => Task.Factory.StartNew(() =>
        {
            using var store = StoreBackends.Open(location, TimeProvider.System);
            // Each driver walks the grid in its own order, so they collide on most runs.
            var order = keys.OrderBy(k => (k.GetHashCode(StringComparison.Ordinal) * (d + 1)) % 97).ThenBy(k => k, StringComparer.Ordinal).ToArray();
            var mine = new List<string>();
            var writes = new List<RunWrite>();
            gate.SignalAndWait();
            foreach (var key in order)
            {
                var result = store.TryClaim("sw", key, $"driver-{d}", Lease);
                if (result.Status != ClaimStatus.Claimed) continue;
                mine.Add(key);
                writes.Add(store.Save(Finished("sw", key, 1.0 + d, DateTimeOffset.UtcNow, Tags(("driver", $"{d}"))), Curve(3, 2.0), result.Claim));
            }
            return (Mine: mine, Writes: writes);
        }, TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(work);

        var claimed = results.SelectMany(r => r.Mine).ToArray();
        Assert.Equal(keys, claimed.Order(StringComparer.Ordinal));
        Assert.All(results.SelectMany(r => r.Writes), w => Assert.Equal(RunWrite.Stored, w));
        using var check = StoreBackends.Open(location, TimeProvider.System);
        var stored = check.Runs("sw");
        Assert.Equal(keys, stored.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(stored, r => Assert.Equal(3, check.Curve("sw", r.Key).Count));
        var attempts = check.Attempts("sw");
        Assert.Equal(runs, attempts.Count);
        Assert.All(attempts, a => Assert.Equal((1, AttemptState.Finished), (a.Attempt, a.State)));
        // The driver that claimed a run is the one whose result is stored.
        var owner = results.SelectMany((r, d) => r.Mine.Select(k => (k, d))).ToDictionary(x => x.k, x => x.d);
        Assert.All(stored, r => Assert.Equal($"{owner[r.Key]}", r.Tags["driver"]));
    }
}
