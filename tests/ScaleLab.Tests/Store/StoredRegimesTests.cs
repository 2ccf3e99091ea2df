using Microsoft.Data.Sqlite;
using ScaleLab.Data;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Store;

public sealed class StoredRegimesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Two regimes sharing a run, one swept in N with a note, the runs ordered by cost unlike the regimes.</summary>
    private static StudyPlan TwoRegimes()
    {
        var builder = new StudyPlanBuilder("two", 5, "two regimes");
        var data = new List<string>();
        var model = new List<string>();
        foreach (var size in new[] { 16, 32, 64, 128 })
        {
            long seed = builder.SeedFor($"data/{size}");
            data.Add(builder.Add("toy", "data", new ToySpec(size, true, seed), seed));
            long modelSeed = builder.SeedFor($"model/{size}");
            model.Add(builder.Add("toy", "model", new ToySpec(size, false, modelSeed), modelSeed));
        }
        model.Add(data[^1]);
        builder.AddRegime("toy, data", ScaleVariable.Tokens, "loss", ToyTrainer.Exponent, "0.7", data);
        builder.AddRegime("toy, model", ScaleVariable.Parameters, "loss", 0.25, "1/4", model, note: "shares its largest run with the data sweep");
        return builder.Build(run => ((ToySpec)run.Specification).Size);
    }

    [Fact]
    public void ExecutedStudy_KeepsItsRegimes_AndFitsFromThemMatchTheFitsFromThePlan()
    {
        using var file = new TempFile(".db");
        var clock = new ManualClock(T0);
        var plan = TwoRegimes();
        using (var store = RunStore.Open(file.Path, clock))
        {
            new StudyRunner(store, clock, 1).Run(plan, (run, _) => ToyTrainer.Train((ToySpec)run.Specification));
        }

        using var reopened = RunStore.Open(file.Path, clock);
        var study = reopened.FindStudy("two")!;
        var regimes = StoredRegimes.Load(study)!;
        Assert.Equal(plan.Regimes.Count, regimes.Count);
        foreach (var (expected, actual) in plan.Regimes.Zip(regimes))
        {
            Assert.Equal(expected with { RunKeys = [] }, actual with { RunKeys = [] });
            Assert.Equal(expected.RunKeys, actual.RunKeys);
        }
        Assert.Equal("shares its largest run with the data sweep", regimes[1].Note);

        // The stored definitions alone give the same numbers, bootstrap included.
        var fromPlan = RegimeAnalysis.FitAll(plan, reopened, resamples: 60);
        var fromStore = RegimeAnalysis.FitAll(study.Name, study.Seed, regimes, reopened, resamples: 60);
        foreach (var (a, b) in fromPlan.Zip(fromStore))
        {
            Assert.Equal(a.Alpha, b.Alpha);
            Assert.Equal(a.Lower, b.Lower);
            Assert.Equal(a.Upper, b.Upper);
            Assert.Equal(a.Measured, b.Measured);
        }
        Assert.Equal(5, fromPlan[1].Measured.Count);
    }

    [Fact]
    public void RegimeKeys_AreKeptInPlanOrder_WhateverOrderTheRegimeListedThem()
    {
        var plan = TwoRegimes();
        var position = plan.Runs.Select((r, i) => (r.Key, i)).ToDictionary(p => p.Key, p => p.i);
        foreach (var regime in plan.Regimes)
        {
            var positions = regime.RunKeys.Select(k => position[k]).ToArray();
            Assert.Equal(positions.Order(), positions);
        }
    }

    [Fact]
    public void Parse_RejectsTextThatIsNotStoredRegimes()
    {
        Assert.Throws<InvalidDataException>(() => StoredRegimes.Parse("{\"name\": 1}"));
        Assert.Throws<InvalidDataException>(() => StoredRegimes.Parse("[{\"name\": \"r\"}]"));
        Assert.Empty(StoredRegimes.Parse("[]"));
    }

    [Fact]
    public void StoreWithoutTheRegimesColumn_OpensAddsItAndKeepsItsStudies()
    {
        using var file = new TempFile(".db");
        // A version-1 store: no regimes column on studies.
        using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString()))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE studies (name TEXT PRIMARY KEY, seed INTEGER NOT NULL, description TEXT NOT NULL, created TEXT NOT NULL);
                INSERT INTO studies VALUES ('old', 3, 'from version 1', '2026-11-23T08:00:00.0000000+00:00');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using (var store = RunStore.Open(file.Path, new ManualClock(T0)))
        {
            var study = Assert.Single(store.Studies());
            Assert.Equal(new StudyRecord("old", 3, "from version 1", T0), study);
            Assert.Null(study.Regimes);
            Assert.Null(StoredRegimes.Load(study));
            store.SaveRegimes("old", "[]");
            Assert.Equal("[]", store.FindStudy("old")!.Regimes);
            Assert.Throws<InvalidOperationException>(() => store.SaveRegimes("missing", "[]"));
        }

        // Opening again does not add the column twice.
        using var reopened = RunStore.Open(file.Path, new ManualClock(T0));
        Assert.Equal("[]", reopened.FindStudy("old")!.Regimes);
        using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString());
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(2L, version.ExecuteScalar());
    }
}
