using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Store;

public sealed class RunStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static RunRecord Finished(string key, double loss, DateTimeOffset created) => new()
    {
        Study = "s", Key = key, Kind = "toy", Group = "data", Specification = "{\"size\":8}", Seed = 42,
        Status = RunStatus.Finished, WallSeconds = 1.25, Created = created,
        Outcome = new RunOutcome
        {
            Parameters = ParameterCount.Of(1234), ParameterCounting = "non-embedding",
            Tokens = TokenCount.Of(5e6), Compute = Flops.Of(3.7e10), ComputeCounting = "measured",
            Train = new Dictionary<string, double> { ["loss"] = loss * 0.9, ["accuracy"] = 0.5 },
            HeldOut = new Dictionary<string, double> { ["loss"] = loss, ["excess_loss"] = double.NaN },
            TokenUnit = "samples", Ending = "early-stopped", Steps = 321,
            Diagnostics = [ScaleLab.Diagnostics.Diagnostic.Info("finite-features", "S is small")],
        },
    };

    [Fact]
    public void SaveThenReopen_ReturnsEveryFieldUnchanged()
    {
        using var file = new TempFile(".db");
        var clock = new ManualClock(T0);
        var run = Finished("k1", 2.5, T0.AddMinutes(3));
        var failed = new RunRecord
        {
            Study = "s", Key = "k2", Kind = "toy", Group = "", Specification = "{}", Seed = 7, Status = RunStatus.Failed,
            Error = "InvalidOperationException: diverged", WallSeconds = 0.5, Created = T0.AddMinutes(4),
        };
        using (var store = RunStore.Open(file.Path, clock))
        {
            store.EnsureStudy("s", 1, "a study");
            store.Save(run);
            store.Save(failed);
        }

        using var reopened = RunStore.Open(file.Path, clock);
        var runs = reopened.Runs("s");
        Assert.Equal(2, runs.Count);
        var back = runs[0];
        Assert.Equal(run with { Outcome = null }, back with { Outcome = null });
        var o = back.Outcome!;
        Assert.Equal(1234, o.Parameters.Value);
        Assert.Equal("non-embedding", o.ParameterCounting);
        Assert.Equal(5e6, o.Tokens!.Value.Value);
        Assert.Equal("samples", o.TokenUnit);
        Assert.Equal(3.7e10, o.Compute!.Value.Value);
        Assert.Equal("early-stopped", o.Ending);
        Assert.Equal(321, o.Steps);
        Assert.Equal([ScaleLab.Diagnostics.Diagnostic.Info("finite-features", "S is small")], o.Diagnostics);
        Assert.Equal("measured", o.ComputeCounting);
        Assert.Equal(2.5, o.HeldOut["loss"]);
        Assert.True(double.IsNaN(o.HeldOut["excess_loss"]));
        Assert.Equal(2.25, o.Train["loss"]);
        Assert.Equal(0.5, o.Train["accuracy"]);
        Assert.Equal(failed, runs[1]);
        var study = Assert.Single(reopened.Studies());
        Assert.Equal(new StudyRecord("s", 1, "a study", T0), study);
    }

    [Fact]
    public void FinishedKeys_LeaveOutFailedRuns_AndARetryReplacesTheFailure()
    {
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        store.EnsureStudy("s", 1, "");
        store.Save(Finished("k1", 2, T0));
        store.Save(new RunRecord { Study = "s", Key = "k2", Kind = "toy", Specification = "{}", Seed = 1, Status = RunStatus.Failed, Error = "x", WallSeconds = 0, Created = T0 });
        Assert.Equal(["k1"], store.FinishedKeys("s"));

        store.Save(Finished("k2", 3, T0.AddSeconds(1)));
        Assert.Equal(["k1", "k2"], store.FinishedKeys("s").Order());
        Assert.Equal(2, store.Runs("s").Count);
    }

    [Fact]
    public void EnsureStudy_WithAnotherSeed_Throws()
    {
        using var file = new TempFile(".db");
        using var store = RunStore.Open(file.Path, new ManualClock(T0));
        store.EnsureStudy("s", 1, "");
        Assert.Equal(1, store.EnsureStudy("s", 1, "").Seed);
        var e = Assert.Throws<InvalidOperationException>(() => store.EnsureStudy("s", 2, ""));
        Assert.Contains("seed 1", e.Message);
    }

    [Fact]
    public void CanonicalJson_IgnoresPropertyOrder_AndKeyDependsOnKindAndValues()
    {
        var a = CanonicalJson.Normalize("{\"b\": [1, {\"y\": 2, \"x\": 1}], \"a\": 0.1}");
        var b = CanonicalJson.Normalize("{\"a\":0.1,\"b\":[1,{\"x\":1,\"y\":2}]}");
        Assert.Equal("{\"a\":0.1,\"b\":[1,{\"x\":1,\"y\":2}]}", a);
        Assert.Equal(a, b);
        Assert.Equal(CanonicalJson.Key("k", a), CanonicalJson.Key("k", b));
        Assert.NotEqual(CanonicalJson.Key("k", a), CanonicalJson.Key("other", a));
        Assert.NotEqual(CanonicalJson.Key("k", a), CanonicalJson.Key("k", CanonicalJson.Normalize("{\"a\":0.2,\"b\":[1,{\"x\":1,\"y\":2}]}")));
        Assert.Equal("{\"seed\":3,\"size\":8,\"sweepsData\":true}", CanonicalJson.Serialize(new ToySpec(8, true, 3)));
        // Defaults are left out, so a field added later with a default that keeps old behaviour keeps old keys.
        Assert.Equal("{\"size\":8}", CanonicalJson.Serialize(new ToySpec(8, false, 0)));
    }

    [Fact]
    public void RunObservations_KeepFinishedRunsWithTheMetric_AndSayWhatWasLeftOut()
    {
        var runs = new[]
        {
            Finished("a", 2, T0),
            Finished("b", double.NaN, T0),
            new RunRecord { Study = "s", Key = "c", Kind = "toy", Specification = "{}", Seed = 1, Status = RunStatus.Failed, WallSeconds = 0, Created = T0 },
            Finished("d", 2, T0) is var inf ? inf with { Outcome = inf.Outcome! with { Tokens = null, Compute = null } } : null!,
        };
        var set = RunObservations.From(runs, "test");
        var o = Assert.Single(set.Observations);
        Assert.Equal(2, o.Metric);
        Assert.Equal(1234, o.Parameters.Value);
        Assert.Equal("data", o.Group);
        Assert.Equal(42, o.Seed);
        Assert.Equal("loss", set.MetricName);
        Assert.Equal(["failed-runs", "infinite-data", "metric-missing"], set.Diagnostics.Select(d => d.Code));
        Assert.Equal(1.8, RunObservations.From(runs, "test", train: true).Observations[0].Metric, 12);
    }
}
