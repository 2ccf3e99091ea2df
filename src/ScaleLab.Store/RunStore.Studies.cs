using System.Data.Common;

namespace ScaleLab.Store;

public sealed partial class RunStore
{
    private const string StudyColumns = "name, seed, description, created, regimes";

    /// <summary>
    /// The study called <paramref name="name"/>, stored now if it is new. A study's seed never
    /// changes because every run seed is derived from it. Safe when several processes ensure the
    /// same study at once: one creates it, the others read it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The study exists with another seed, or a sweep has the name.</exception>
    public StudyRecord EnsureStudy(string name, long seed, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        return Write(s =>
        {
            s.Backend.LockNames(s.Connection, s.Transaction);
            if (FindSweep(s, name) is not null) throw new InvalidOperationException($"'{name}' is a sweep in {Path}, not a study: choose another study name");
            using (var insert = s.Command("INSERT INTO studies (name, seed, description, created) VALUES (@name, @seed, @description, @created) ON CONFLICT (name) DO NOTHING"))
            {
                insert.Text("@name", name).Integer("@seed", seed).Text("@description", description).Text("@created", StoreText.Time(s.Now));
                insert.ExecuteNonQuery();
            }
            var study = FindStudy(s, name)!;
            if (study.Seed != seed)
            {
                throw new InvalidOperationException(
                    $"study '{name}' already exists in {Path} with seed {study.Seed}, not {seed}: choose another study name or the same seed");
            }
            return study;
        });
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
        Write(s =>
        {
            using var command = s.Command("UPDATE studies SET regimes = @regimes WHERE name = @name");
            command.Text("@name", name).Text("@regimes", regimesJson);
            if (command.ExecuteNonQuery() == 0) throw new InvalidOperationException($"study '{name}' is not in {Path}");
        });
    }

    /// <summary>The study called <paramref name="name"/>, or null.</summary>
    public StudyRecord? FindStudy(string name) => Read(s => FindStudy(s, name));

    /// <summary>Every stored study, by name.</summary>
    public IReadOnlyList<StudyRecord> Studies() => Read(s =>
    {
        using var command = s.Command($"SELECT {StudyColumns} FROM studies");
        return ReadAll(command, ReadStudy).OrderBy(x => x.Name, StringComparer.Ordinal).ToArray();
    });

    /// <summary>
    /// The sweep called <paramref name="name"/> with <paramref name="definition"/> as its definition:
    /// stored now if it is new, else its definition is replaced (it keeps its creation time and runs).
    /// </summary>
    /// <exception cref="InvalidOperationException">A study has the name.</exception>
    public SweepRecord EnsureSweep(string name, string definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(definition);
        return Write(s =>
        {
            s.Backend.LockNames(s.Connection, s.Transaction);
            if (FindStudy(s, name) is not null) throw new InvalidOperationException($"'{name}' is a study in {Path}, not a sweep: choose another sweep name");
            using (var upsert = s.Command("""
                INSERT INTO sweeps (name, definition, created) VALUES (@name, @definition, @created)
                ON CONFLICT (name) DO UPDATE SET definition = excluded.definition
                """))
            {
                upsert.Text("@name", name).Text("@definition", definition).Text("@created", StoreText.Time(s.Now));
                upsert.ExecuteNonQuery();
            }
            return FindSweep(s, name)!;
        });
    }

    /// <summary>The sweep called <paramref name="name"/>, or null.</summary>
    public SweepRecord? FindSweep(string name) => Read(s => FindSweep(s, name));

    /// <summary>Every stored sweep, by name.</summary>
    public IReadOnlyList<SweepRecord> Sweeps() => Read(s =>
    {
        using var command = s.Command("SELECT name, definition, created FROM sweeps");
        return ReadAll(command, ReadSweep).OrderBy(x => x.Name, StringComparer.Ordinal).ToArray();
    });

    private static StudyRecord? FindStudy(StoreSession s, string name)
    {
        using var command = s.Command($"SELECT {StudyColumns} FROM studies WHERE name = @name");
        command.Text("@name", name);
        return ReadAll(command, ReadStudy).SingleOrDefault();
    }

    private static SweepRecord? FindSweep(StoreSession s, string name)
    {
        using var command = s.Command("SELECT name, definition, created FROM sweeps WHERE name = @name");
        command.Text("@name", name);
        return ReadAll(command, ReadSweep).SingleOrDefault();
    }

    private static List<T> ReadAll<T>(DbCommand command, Func<DbDataReader, T> read)
    {
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read()) result.Add(read(reader));
        return result;
    }

    private static StudyRecord ReadStudy(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), StoreText.ParseTime(reader.GetString(3)))
        {
            Regimes = reader.IsDBNull(4) ? null : reader.GetString(4),
        };

    private static SweepRecord ReadSweep(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), StoreText.ParseTime(reader.GetString(2)));
}
