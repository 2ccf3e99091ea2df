using System.Collections.Concurrent;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Studies;

public sealed class StudyRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048];

    private static Func<PlannedRun, CancellationToken, RunOutcome> Recording(ConcurrentBag<string> executed) => (run, _) =>
    {
        executed.Add(run.Key);
        return ToyTrainer.Train((ToySpec)run.Specification);
    };

    [Fact]
    public void RunningAFinishedStudyAgain_ExecutesNothing()
    {
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        var plan = ToyTrainer.Plan("toy", 1, Sizes);
        var first = new ConcurrentBag<string>();
        var second = new ConcurrentBag<string>();

        var a = new StudyRunner(store, new ManualClock(T0), workers: 2).Run(plan, Recording(first));
        var b = new StudyRunner(store, new ManualClock(T0), workers: 2).Run(plan, Recording(second));

        Assert.Equal(plan.Runs.Select(r => r.Key).Order(), first.Order());
        Assert.Equal(Sizes.Length, a.Executed.Count);
        Assert.Empty(second);
        Assert.Equal(Sizes.Length, b.Skipped);
        Assert.Equal(0, b.Missing);
        Assert.False(b.Cancelled);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StudyCancelledAfterKRuns_RunAgain_ExecutesOnlyTheMissingRuns(int workers)
    {
        const int k = 3;
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        var plan = ToyTrainer.Plan("toy", 5, Sizes);
        using var cts = new CancellationTokenSource();
        int started = 0;
        var first = new StudyRunner(store, new ManualClock(T0), workers).Run(plan, (run, token) =>
        {
            // The (k+1)-th run to start pulls the plug and is abandoned like any run in flight.
            if (Interlocked.Increment(ref started) > k)
            {
                cts.Cancel();
                token.ThrowIfCancellationRequested();
            }
            return ToyTrainer.Train((ToySpec)run.Specification);
        }, cancellationToken: cts.Token);

        Assert.True(first.Cancelled);
        var kept = store.FinishedKeys("toy");
        Assert.Equal(first.Executed.Select(r => r.Key).Order(), kept.Order());
        if (workers == 1) Assert.Equal(plan.Runs.Take(k).Select(r => r.Key), first.Executed.Select(r => r.Key));
        // Another worker may finish the run it had already started when the token fired.
        Assert.InRange(kept.Count, 1, k + workers - 1);

        var second = new ConcurrentBag<string>();
        var resumed = new StudyRunner(store, new ManualClock(T0), workers).Run(plan, Recording(second));

        var missing = plan.Runs.Select(r => r.Key).Where(key => !kept.Contains(key)).Order().ToArray();
        Assert.Equal(missing, second.Order());
        Assert.Equal(kept.Count, resumed.Skipped);
        Assert.False(resumed.Cancelled);
        Assert.Equal(plan.Runs.Count, store.FinishedKeys("toy").Count);
    }

    [Fact]
    public void ATrainerThatThrows_IsStoredAsFailed_AndRetriedNextTime()
    {
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        var plan = ToyTrainer.Plan("toy", 2, Sizes);
        var bad = plan.Runs[2].Key;
        var first = new StudyRunner(store, new ManualClock(T0), 2).Run(plan, (run, _) =>
            run.Key == bad ? throw new InvalidOperationException("loss diverged") : ToyTrainer.Train((ToySpec)run.Specification));

        var failed = Assert.Single(store.Runs("toy"), r => r.Status == RunStatus.Failed);
        Assert.Equal(bad, failed.Key);
        Assert.Equal("InvalidOperationException: loss diverged", failed.Error);
        Assert.Equal(1, first.Missing);

        var second = new ConcurrentBag<string>();
        new StudyRunner(store, new ManualClock(T0), 2).Run(plan, Recording(second));
        Assert.Equal([bad], second);
        Assert.All(store.Runs("toy"), r => Assert.Equal(RunStatus.Finished, r.Status));
    }

    [Fact]
    public void SameSeed_GivesTheSameRunsAndResults_WhateverTheWorkerCount_AndAnotherSeedDoesNot()
    {
        using var f1 = new TempFile(".db");
        using var f2 = new TempFile(".db");
        using var s1 = RunStore.Open(f1.Path, new ManualClock(T0));
        using var s2 = RunStore.Open(f2.Path, new ManualClock(T0));
        var p1 = ToyTrainer.Plan("toy", 11, Sizes, draws: 2);
        var p2 = ToyTrainer.Plan("toy", 11, Sizes, draws: 2);
        var other = ToyTrainer.Plan("toy", 12, Sizes, draws: 2);
        Assert.Equal(p1.Runs.Select(r => (r.Key, r.Seed)), p2.Runs.Select(r => (r.Key, r.Seed)));
        Assert.Empty(p1.Runs.Select(r => r.Seed).Intersect(other.Runs.Select(r => r.Seed)));
        Assert.Equal(p1.Runs.Count, p1.Runs.Select(r => r.Seed).Distinct().Count());

        new StudyRunner(s1, new ManualClock(T0), 1).Run(p1, (run, _) => ToyTrainer.Train((ToySpec)run.Specification));
        new StudyRunner(s2, new ManualClock(T0), 2).Run(p2, (run, _) => ToyTrainer.Train((ToySpec)run.Specification));
        var losses1 = s1.Runs("toy").ToDictionary(r => r.Key, r => r.Outcome!.HeldOut["loss"]);
        var losses2 = s2.Runs("toy").ToDictionary(r => r.Key, r => r.Outcome!.HeldOut["loss"]);
        Assert.Equal(losses1.OrderBy(p => p.Key), losses2.OrderBy(p => p.Key));

        var fit1 = RegimeAnalysis.FitAll(p1, s1, resamples: 100).Single();
        var fit2 = RegimeAnalysis.FitAll(p2, s2, resamples: 100).Single();
        Assert.Equal(fit1.Alpha, fit2.Alpha);
        Assert.Equal((fit1.Lower, fit1.Upper), (fit2.Lower, fit2.Upper));
    }

    [Fact]
    public void ProgressAndWallTime_ComeFromTheGivenClock()
    {
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        var clock = new ManualClock(T0);
        var reports = new ConcurrentQueue<StudyProgress>();
        var plan = ToyTrainer.Plan("toy", 3, Sizes[..3]);
        new StudyRunner(store, clock, 1).Run(plan, (run, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return ToyTrainer.Train((ToySpec)run.Specification);
        }, new SynchronousProgress(reports));

        Assert.Equal([0, 1, 2, 3], reports.Select(p => p.Done));
        Assert.All(reports.Skip(1), p => Assert.Equal(2.0, p.LastSeconds));
        Assert.Equal([T0.AddSeconds(2), T0.AddSeconds(4), T0.AddSeconds(6)], store.Runs("toy").Select(r => r.Created));
    }

    private sealed class SynchronousProgress(ConcurrentQueue<StudyProgress> sink) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => sink.Enqueue(value);
    }
}
