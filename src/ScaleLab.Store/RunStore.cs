using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Store;

/// <summary>
/// The SQLite file that holds studies and their runs. Each run is written in its own transaction
/// as soon as it ends, so a study that is killed loses only the runs still in flight. Safe to call
/// from several worker threads: calls are serialised on one connection (writes are a few
/// milliseconds against runs of seconds).
/// </summary>
public sealed class RunStore : IDisposable
{
    /// <summary>The file used when none is given: <c>scalelab.db</c> in the working directory.</summary>
    public const string DefaultPath = "scalelab.db";

    private const int SchemaVersion = 2;
    private const string StudyColumns = "name, seed, description, created, regimes";

    // A diverged run reports NaN or infinite losses; they are stored as such rather than failing the write.
    // Diagnostic severities are written as words.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private RunStore(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>; <paramref name="time"/> stamps new studies.</summary>
    public static RunStore Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection keeps the file open after Dispose; tests and users expect to move or delete it.
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var store = new RunStore(path, connection, time);
            store.CreateSchema();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The study called <paramref name="name"/>, stored now if it is new. A study's seed never
    /// changes because every run seed is derived from it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The study exists with another seed.</exception>
    public StudyRecord EnsureStudy(string name, long seed, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            var existing = FindStudy(name);
            if (existing is not null)
            {
                if (existing.Seed != seed)
                {
                    throw new InvalidOperationException(
                        $"study '{name}' already exists in {Path} with seed {existing.Seed}, not {seed}: choose another study name or the same seed");
                }
                return existing;
            }
            var study = new StudyRecord(name, seed, description, _time.GetUtcNow());
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO studies (name, seed, description, created) VALUES ($name, $seed, $description, $created)";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$seed", seed);
            command.Parameters.AddWithValue("$description", description);
            command.Parameters.AddWithValue("$created", FormatTime(study.Created));
            command.ExecuteNonQuery();
            return study;
        }
    }

    /// <summary>
    /// Stores the regime definitions of study <paramref name="name"/> (JSON written by the caller),
    /// replacing earlier ones, so the study can be analysed from the store alone.
    /// </summary>
    /// <exception cref="InvalidOperationException">The study does not exist.</exception>
    public void SaveRegimes(string name, string regimesJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(regimesJson);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE studies SET regimes = $regimes WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$regimes", regimesJson);
            if (command.ExecuteNonQuery() == 0) throw new InvalidOperationException($"study '{name}' is not in {Path}");
        }
    }

    /// <summary>The study called <paramref name="name"/>, or null.</summary>
    public StudyRecord? FindStudy(string name)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {StudyColumns} FROM studies WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadStudy(reader) : null;
        }
    }

    /// <summary>Every stored study, by name.</summary>
    public IReadOnlyList<StudyRecord> Studies()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {StudyColumns} FROM studies ORDER BY name";
            using var reader = command.ExecuteReader();
            var result = new List<StudyRecord>();
            while (reader.Read()) result.Add(ReadStudy(reader));
            return result;
        }
    }

    /// <summary>
    /// Writes one run in its own transaction, replacing an earlier row with the same study and key
    /// (a failed run that is retried). The study must exist.
    /// </summary>
    public void Save(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status == RunStatus.Finished && run.Outcome is null)
        {
            throw new ArgumentException($"run {run.Key} is finished but has no outcome", nameof(run));
        }
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO runs
                  (study, key, kind, grp, specification, seed, status, parameters, parameter_counting,
                   tokens, token_unit, compute, compute_counting, metrics, ending, steps, diagnostics, error, wall_seconds, created)
                VALUES
                  ($study, $key, $kind, $grp, $specification, $seed, $status, $parameters, $parameterCounting,
                   $tokens, $tokenUnit, $compute, $computeCounting, $metrics, $ending, $steps, $diagnostics, $error, $wallSeconds, $created)
                """;
            var o = run.Outcome;
            command.Parameters.AddWithValue("$study", run.Study);
            command.Parameters.AddWithValue("$key", run.Key);
            command.Parameters.AddWithValue("$kind", run.Kind);
            command.Parameters.AddWithValue("$grp", run.Group);
            command.Parameters.AddWithValue("$specification", run.Specification);
            command.Parameters.AddWithValue("$seed", run.Seed);
            command.Parameters.AddWithValue("$status", StatusName(run.Status));
            command.Parameters.AddWithValue("$parameters", o is null ? DBNull.Value : o.Parameters.Value);
            command.Parameters.AddWithValue("$parameterCounting", (object?)o?.ParameterCounting ?? DBNull.Value);
            command.Parameters.AddWithValue("$tokens", o?.Tokens is { } d ? d.Value : DBNull.Value);
            command.Parameters.AddWithValue("$tokenUnit", (object?)o?.TokenUnit ?? DBNull.Value);
            command.Parameters.AddWithValue("$compute", o?.Compute is { } c ? c.Value : DBNull.Value);
            command.Parameters.AddWithValue("$computeCounting", (object?)o?.ComputeCounting ?? DBNull.Value);
            command.Parameters.AddWithValue("$metrics", MetricsJson(o));
            command.Parameters.AddWithValue("$ending", (object?)o?.Ending ?? DBNull.Value);
            command.Parameters.AddWithValue("$steps", (object?)o?.Steps ?? DBNull.Value);
            command.Parameters.AddWithValue("$diagnostics", JsonSerializer.Serialize(o?.Diagnostics ?? [], JsonOptions));
            command.Parameters.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$wallSeconds", run.WallSeconds);
            command.Parameters.AddWithValue("$created", FormatTime(run.Created));
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Keys of the runs of <paramref name="study"/> that finished (failed runs are not in it: they are retried).</summary>
    public IReadOnlySet<string> FinishedKeys(string study)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT key FROM runs WHERE study = $study AND status = 'finished'";
            command.Parameters.AddWithValue("$study", study);
            using var reader = command.ExecuteReader();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read()) keys.Add(reader.GetString(0));
            return keys;
        }
    }

    /// <summary>The runs of one study, or of every study when <paramref name="study"/> is null, in the order they ended.</summary>
    public IReadOnlyList<RunRecord> Runs(string? study = null)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT study, key, kind, grp, specification, seed, status, parameters, parameter_counting,
                       tokens, token_unit, compute, compute_counting, metrics, ending, steps, diagnostics, error, wall_seconds, created
                FROM runs
                """ + (study is null ? "" : " WHERE study = $study") + " ORDER BY created, rowid";
            if (study is not null) command.Parameters.AddWithValue("$study", study);
            using var reader = command.ExecuteReader();
            var result = new List<RunRecord>();
            while (reader.Read()) result.Add(ReadRun(reader));
            return result;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void CreateSchema()
    {
        using var command = _connection.CreateCommand();
        // WAL lets `runs list` read while a study writes; NORMAL sync is durable across process kills (not power loss), which is what a study needs.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
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
            """;
        command.ExecuteNonQuery();
        // Version 1 stores had no regime definitions: add the column, empty for the studies they hold.
        if (!HasColumn("studies", "regimes"))
        {
            command.CommandText = "ALTER TABLE studies ADD COLUMN regimes TEXT";
            command.ExecuteNonQuery();
        }
        command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
        command.ExecuteNonQuery();
    }

    private bool HasColumn(string table, string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static StudyRecord ReadStudy(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), ParseTime(reader.GetString(3)))
        {
            Regimes = reader.IsDBNull(4) ? null : reader.GetString(4),
        };

    private static RunRecord ReadRun(SqliteDataReader reader)
    {
        var status = reader.GetString(6) == "finished" ? RunStatus.Finished : RunStatus.Failed;
        RunOutcome? outcome = null;
        if (status == RunStatus.Finished)
        {
            var (train, heldOut) = ParseMetrics(reader.GetString(13));
            outcome = new RunOutcome
            {
                Parameters = ParameterCount.Of(reader.GetDouble(7)),
                ParameterCounting = reader.GetString(8),
                Tokens = reader.IsDBNull(9) ? null : TokenCount.Of(reader.GetDouble(9)),
                TokenUnit = reader.GetString(10),
                Compute = reader.IsDBNull(11) ? null : Flops.Of(reader.GetDouble(11)),
                ComputeCounting = reader.GetString(12),
                Train = train,
                HeldOut = heldOut,
                Ending = reader.GetString(14),
                Steps = reader.GetInt64(15),
                Diagnostics = JsonSerializer.Deserialize<Diagnostic[]>(reader.GetString(16), JsonOptions) ?? [],
            };
        }
        return new RunRecord
        {
            Study = reader.GetString(0),
            Key = reader.GetString(1),
            Kind = reader.GetString(2),
            Group = reader.GetString(3),
            Specification = reader.GetString(4),
            Seed = reader.GetInt64(5),
            Status = status,
            Outcome = outcome,
            Error = reader.IsDBNull(17) ? null : reader.GetString(17),
            WallSeconds = reader.GetDouble(18),
            Created = ParseTime(reader.GetString(19)),
        };
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Finished => "finished",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static string MetricsJson(RunOutcome? outcome)
    {
        var document = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal)
        {
            ["heldOut"] = new(outcome?.HeldOut.ToDictionary() ?? [], StringComparer.Ordinal),
            ["train"] = new(outcome?.Train.ToDictionary() ?? [], StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(document, JsonOptions);
    }

    private static (IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> HeldOut) ParseMetrics(string json)
    {
        var document = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(json, JsonOptions) ?? [];
        return (document.GetValueOrDefault("train") ?? [], document.GetValueOrDefault("heldOut") ?? []);
    }

    private static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
