using Microsoft.Data.Sqlite;
using ScaleLab.Store;
using ScaleLab.Tests.Support;
using static ScaleLab.Tests.Store.StoreSamples;

namespace ScaleLab.Tests.Store;

/// <summary>Stores written by earlier releases open, migrate in place, keep every run, and take the new rows.</summary>
public sealed class StoreMigrationTests
{
    // The DDL of schema 2 exactly as the release before versioned migrations wrote it.
    private const string Schema2 = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS studies (
          name        TEXT PRIMARY KEY,
          seed        INTEGER NOT NULL,
          description TEXT NOT NULL,
          created     TEXT NOT NULL,
          regimes     TEXT
        );
        CREATE TABLE IF NOT EXISTS runs (
          study              TEXT NOT NULL REFERENCES studies(name),
          key                TEXT NOT NULL,
          kind               TEXT NOT NULL,
          grp                TEXT NOT NULL,
          specification      TEXT NOT NULL,
          seed               INTEGER NOT NULL,
          status             TEXT NOT NULL CHECK (status IN ('finished', 'failed')),
          parameters         REAL,
          parameter_counting TEXT,
          tokens             REAL,
          token_unit         TEXT,
          compute            REAL,
          compute_counting   TEXT,
          metrics            TEXT NOT NULL,
          ending             TEXT,
          steps              INTEGER,
          diagnostics        TEXT NOT NULL,
          error              TEXT,
          wall_seconds       REAL NOT NULL,
          created            TEXT NOT NULL,
          PRIMARY KEY (study, key)
        );
        PRAGMA user_version = 2;
        INSERT INTO studies VALUES ('old', 3, 'written by schema 2', '2026-11-23T08:00:00.0000000+00:00', '[]');
        INSERT INTO runs VALUES ('old', 'zz', 'toy', 'data', '{}', 5, 'finished', 1000, 'total', 2e4, 'tokens', 1.2e8, '6ND',
          '{"heldOut":{"loss":2.5},"train":{"loss":"NaN"}}', 'completed', 10, '[]', NULL, 1.5, '2026-11-23T08:00:00.0000000+00:00');
        INSERT INTO runs VALUES ('old', 'aa', 'toy', 'data', '{}', 6, 'failed', NULL, NULL, NULL, NULL, NULL, NULL,
          '{"heldOut":{},"train":{}}', NULL, NULL, '[]', 'boom', 0.5, '2026-11-23T08:00:00.0000000+00:00');
        """;

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        return rows;
    }

    [Fact]
    public void ASchema2Store_MigratesInPlace_KeepsItsRunsInTheirOrder_AndTakesClaimsSweepsAndCurves()
    {
        using var file = new TempFile(".db");
        Execute(file.Path, Schema2);

        using (var store = RunStore.Open(file.Path, new ManualClock(T0)))
        {
            var runs = store.Runs("old");
            // Same timestamp: the order they were written in (zz first) is kept, not the key order.
            Assert.Equal(["zz", "aa"], runs.Select(r => r.Key));
            Assert.Equal(2.5, runs[0].Outcome!.HeldOut["loss"]);
            Assert.True(double.IsNaN(runs[0].Outcome!.Train["loss"]));
            Assert.Equal("boom", runs[1].Error);
            Assert.Equal(RunTags.Empty, runs[0].Tags);
            Assert.Equal(new StudyRecord("old", 3, "written by schema 2", T0) { Regimes = "[]" }, Assert.Single(store.Studies()));

            var claim = store.TryClaim("old", "aa", "w", TimeSpan.FromMinutes(1)).Claim!;
            Assert.Equal(RunWrite.Stored, store.Save(Finished("old", "aa", 2.0, T0.AddSeconds(1)), Curve(2, 2.0), claim));
            Assert.Equal(ClaimStatus.Finished, store.TryClaim("old", "zz", "w", TimeSpan.FromMinutes(1)).Status);
            store.EnsureSweep("new-sweep", "grid");
            Assert.Equal(2, store.Curve("old", "aa").Count);
        }

        Assert.Equal(["1|found in place", "2|found in place", "3|applied"],
            Query(file.Path, "SELECT version, CASE WHEN description LIKE '%(found in place)' THEN 'found in place' ELSE 'applied' END FROM schema_migrations ORDER BY version"));
        // Releases that knew only schema 2 read user_version; the file stays usable by them.
        Assert.Equal(["2"], Query(file.Path, "PRAGMA user_version"));
        Assert.Equal(["ok"], Query(file.Path, "PRAGMA integrity_check"));
        using var reopened = RunStore.Open(file.Path, new ManualClock(T0));
        Assert.Equal(["zz", "aa"], reopened.Runs("old").Select(r => r.Key));
    }

    [Fact]
    public async Task ASchema2Store_OpenedByEightConnectionsAtOnce_IsMigratedOnce()
    {
        using var file = new TempFile(".db");
        Execute(file.Path, Schema2);
        using var gate = new Barrier(8);
        var opens = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            gate.SignalAndWait();
            using var store = RunStore.Open(file.Path, TimeProvider.System);
            return store.Runs("old").Count;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.All(await Task.WhenAll(opens), count => Assert.Equal(2, count));
        Assert.Equal(["1", "2", "3"], Query(file.Path, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public void AStoreWithANewerSchema_IsRefusedWithAClearMessage_AndLeftAlone()
    {
        using var file = new TempFile(".db");
        using (RunStore.Open(file.Path, new ManualClock(T0))) { }
        Execute(file.Path, "INSERT INTO schema_migrations VALUES (4, 'from the future', '2027-01-01T00:00:00.0000000+00:00')");
        var e = Assert.Throws<InvalidOperationException>(() => RunStore.Open(file.Path, new ManualClock(T0)));
        Assert.Contains("schema version 4, newer than this ScaleLab's 3", e.Message);
        Assert.Equal(["1", "2", "3", "4"], Query(file.Path, "SELECT version FROM schema_migrations ORDER BY version"));
    }
}
