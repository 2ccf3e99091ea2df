using ScaleLab.Cli;
using ScaleLab.Store;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;
using static ScaleLab.Tests.Store.StoreSamples;

namespace ScaleLab.Tests.Store;

/// <summary>SQLite and PostgreSQL hold the same thing after the same operations, and <c>store copy</c> moves it whole either way.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreEquivalenceTests(PostgresServer server) : IDisposable
{
    private readonly StoreBackends _backends = new(server);

    public void Dispose() => _backends.Dispose();

    private string Filled(string backend)
    {
        var location = _backends.NewLocation(backend);
        var clock = new ManualClock(T0);
        using var store = StoreBackends.Open(location, clock);
        Scenario(store, clock);
        return location;
    }

    private static string Dump(string location)
    {
        using var store = StoreBackends.Open(location, TimeProvider.System);
        return StoreDump.Of(store);
    }

    [SkippableFact]
    public void TheSameOperations_OnSqliteAndPostgres_GiveIdenticalStoredResults()
    {
        var sqlite = Dump(Filled("sqlite"));
        var postgres = Dump(Filled("postgres"));
        Assert.Equal(sqlite, postgres);
        // The scenario reached every kind of row, so the comparison covers them all.
        foreach (var expected in new[] { "study study-a", "sweep sweep-b", "point step=", "tags=[lr=3e-4, optimizer=adam]", "state=Preempted", "state=Cancelled", "job=18_0", "exit=3" })
        {
            Assert.Contains(expected, sqlite);
        }
    }

    [SkippableTheory]
    [InlineData("sqlite", "postgres")]
    [InlineData("postgres", "sqlite")]
    public void StoreCopy_MovesEverything_AndCopyingAgainChangesNothing(string from, string to)
    {
        var source = Filled(from);
        var target = _backends.NewLocation(to);
        var (code, output, error) = CliRunner.Run("store", "copy", source, target);
        Assert.True(code == 0, error);
        Assert.Contains("runs      5 copied, 0 already there", output);
        Assert.Equal(Dump(source), Dump(target));

        var (again, json, _) = CliRunner.Run("store", "copy", source, target, "--json");
        Assert.Equal(0, again);
        Assert.Contains("\"copied\": 0", json);
        Assert.Contains("\"present\": 5", json);
        Assert.Equal(Dump(source), Dump(target));

        // And back again: a round trip through the other database loses nothing.
        var back = _backends.NewLocation(from);
        Assert.Equal(0, CliRunner.Run("store", "copy", target, back).Code);
        Assert.Equal(Dump(source), Dump(back));
    }

    [SkippableFact]
    public void StoreCopy_IntoAStoreThatAlreadyHasSomeRuns_KeepsItsFinishedRuns_AndFillsInTheRest()
    {
        var source = Filled("sqlite");
        var target = _backends.NewLocation("postgres");
        using (var t = StoreBackends.Open(target, new ManualClock(T0)))
        {
            t.EnsureStudy("study-a", 11, "the target's description");
            t.Save(Finished("study-a", "a1", 7.0, T0));
            t.Save(Failed("study-a", "a2", "failed in the target", T0));
        }
        var (code, output, error) = CliRunner.Run("store", "copy", source, target);
        Assert.True(code == 0, error);
        Assert.Contains("runs      4 copied, 1 already there", output);
        using var check = StoreBackends.Open(target, TimeProvider.System);
        var runs = check.Runs("study-a").ToDictionary(r => r.Key);
        Assert.Equal(7.0, runs["a1"].Outcome!.HeldOut["loss"]);
        Assert.Equal(RunStatus.Finished, runs["a2"].Status);
        Assert.Equal("the target's description", check.FindStudy("study-a")!.Description);
        Assert.NotNull(check.FindStudy("study-a")!.Regimes);
    }

    [SkippableFact]
    public void StoreCopy_WithAConflictOrAMissingSource_WritesNothingAndExits2()
    {
        var source = Filled("sqlite");
        var target = _backends.NewLocation("postgres");
        using (var t = StoreBackends.Open(target, new ManualClock(T0))) t.EnsureStudy("study-a", 99, "");
        var (code, _, error) = CliRunner.Run("store", "copy", source, target);
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("study 'study-a' has seed 11 in the source but seed 99 in", error);
        Assert.Single(error.Trim().Split('\n'));
        using (var t = StoreBackends.Open(target, TimeProvider.System))
        {
            Assert.Empty(t.Runs());
            Assert.Empty(t.Sweeps());
        }

        var missing = Path.Combine(Path.GetTempPath(), $"scalelab-missing-{Guid.NewGuid():N}.db");
        var (code2, _, error2) = CliRunner.Run("store", "copy", missing, target);
        Assert.Equal(Program.BadInput, code2);
        Assert.Equal($"error: {missing}: no such store (run a study first, or pass --store)", error2.Trim());
        Assert.False(File.Exists(missing));

        var (code3, _, error3) = CliRunner.Run("store", "copy", source, source);
        Assert.Equal(Program.BadInput, code3);
        Assert.Contains("the same store", error3);
    }
}
