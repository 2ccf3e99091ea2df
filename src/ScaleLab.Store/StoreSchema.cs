using System.Globalization;

namespace ScaleLab.Store;

/// <summary>
/// The versioned schema: each migration is applied once, in order, inside the transaction that
/// records it in <c>schema_migrations</c>, so a store is always at one whole version. Stores written
/// before versions were recorded (schema 1 and 2, SQLite only) are recognised by their tables and
/// columns and migrated in place. docs/store.md describes every table.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The version this code writes.</summary>
    public const int Latest = 3;

    private sealed record Migration(int Version, string Description, Func<StoreBackend, string[]> Statements);

    private static readonly Migration[] Migrations =
    [
        new(1, "studies and their runs, keyed by specification", b =>
        [
            $"""
            CREATE TABLE IF NOT EXISTS studies (
              name        TEXT PRIMARY KEY,
              seed        {b.IntegerType} NOT NULL,
              description TEXT NOT NULL,
              created     TEXT NOT NULL
            )
            """,
            $"""
            CREATE TABLE IF NOT EXISTS runs (
              study              TEXT NOT NULL,
              key                TEXT NOT NULL,
              kind               TEXT NOT NULL,
              grp                TEXT NOT NULL,
              specification      TEXT NOT NULL,
              seed               {b.IntegerType} NOT NULL,
              status             TEXT NOT NULL CHECK (status IN ('finished', 'failed')),
              parameters         {b.RealType},
              parameter_counting TEXT,
              tokens             {b.RealType},
              token_unit         TEXT,
              compute            {b.RealType},
              compute_counting   TEXT,
              metrics            TEXT NOT NULL,
              ending             TEXT,
              steps              {b.IntegerType},
              diagnostics        TEXT NOT NULL,
              error              TEXT,
              wall_seconds       {b.RealType} NOT NULL,
              created            TEXT NOT NULL,
              PRIMARY KEY (study, key)
            )
            """,
        ]),
        new(2, "regime definitions kept with each study", _ => ["ALTER TABLE studies ADD COLUMN regimes TEXT"]),
        new(3, "sweeps, run tags, learning curves, attempts, claims and insertion order", b =>
        [
            $"ALTER TABLE runs ADD COLUMN seq {b.IntegerType}",
            $"UPDATE runs SET seq = {b.InsertionOrder}",
            "CREATE INDEX runs_seq ON runs (seq)",
            "CREATE TABLE sweeps (name TEXT PRIMARY KEY, definition TEXT NOT NULL, created TEXT NOT NULL)",
            $"""
            CREATE TABLE run_tags (
              study  TEXT NOT NULL,
              key    TEXT NOT NULL,
              name   TEXT NOT NULL,
              value  TEXT NOT NULL,
              number {b.RealType},
              PRIMARY KEY (study, key, name)
            )
            """,
            $"""
            CREATE TABLE curve_points (
              study   TEXT NOT NULL,
              key     TEXT NOT NULL,
              step    {b.IntegerType} NOT NULL,
              tokens  {b.RealType},
              metrics TEXT NOT NULL,
              PRIMARY KEY (study, key, step)
            )
            """,
            $"""
            CREATE TABLE attempts (
              study     TEXT NOT NULL,
              key       TEXT NOT NULL,
              attempt   {b.IntegerType} NOT NULL,
              worker    TEXT NOT NULL,
              job_id    TEXT,
              state     TEXT NOT NULL CHECK (state IN ({string.Join(", ", Enum.GetValues<AttemptState>().Select(s => $"'{AttemptStates.Name(s)}'"))})),
              exit_code {b.IntegerType},
              log_tail  TEXT,
              reason    TEXT,
              started   TEXT NOT NULL,
              updated   TEXT NOT NULL,
              ended     TEXT,
              PRIMARY KEY (study, key, attempt)
            )
            """,
            "CREATE INDEX attempts_job ON attempts (job_id)",
            $"""
            CREATE TABLE claims (
              study    TEXT NOT NULL,
              key      TEXT NOT NULL,
              worker   TEXT NOT NULL,
              attempt  {b.IntegerType} NOT NULL,
              acquired TEXT NOT NULL,
              expires  {b.IntegerType} NOT NULL,
              PRIMARY KEY (study, key)
            )
            """,
        ]),
    ];

    /// <summary>The version of the store, reading only (0 for an empty database).</summary>
    public static int Version(StoreSession session)
    {
        if (!session.TableExists("schema_migrations")) return Unrecorded(session);
        using var command = session.Command("SELECT MAX(version) FROM schema_migrations");
        return command.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Brings the store to <see cref="Latest"/>; call inside a write transaction.</summary>
    /// <exception cref="InvalidOperationException">The store was written by a newer version of ScaleLab.</exception>
    public static void Migrate(StoreSession session)
    {
        session.Backend.LockNames(session.Connection, session.Transaction);
        if (!session.TableExists("schema_migrations"))
        {
            int found = Unrecorded(session);
            session.Execute($"CREATE TABLE schema_migrations (version {session.Backend.IntegerType} PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)");
            foreach (var m in Migrations.Where(m => m.Version <= found))
            {
                // Version 1's tables are created only if missing, so a store that has one of them gets the other.
                if (m.Version == 1) Apply(session, m);
                Record(session, m, " (found in place)");
            }
        }
        int current = Version(session);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"store {session.Backend.Location} has schema version {current}, newer than this ScaleLab's {Latest}: use a newer ScaleLab");
        }
        foreach (var m in Migrations.Where(m => m.Version > current))
        {
            Apply(session, m);
            Record(session, m, "");
        }
        session.Backend.MarkCompatibility(session.Connection, session.Transaction);
    }

    private static void Apply(StoreSession session, Migration migration)
    {
        foreach (var statement in migration.Statements(session.Backend)) session.Execute(statement);
    }

    // Stores from before schema_migrations: version 1 had studies and runs, version 2 added studies.regimes.
    private static int Unrecorded(StoreSession session) =>
        !session.TableExists("studies") ? 0 : session.ColumnExists("studies", "regimes") ? 2 : 1;

    private static void Record(StoreSession session, Migration migration, string note)
    {
        using var command = session.Command("INSERT INTO schema_migrations (version, description, applied) VALUES (@v, @d, @a)");
        command.Integer("@v", migration.Version).Text("@d", migration.Description + note).Text("@a", StoreText.Time(session.Now));
        command.ExecuteNonQuery();
    }
}
