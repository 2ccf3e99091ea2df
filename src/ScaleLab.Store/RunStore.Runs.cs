using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;

namespace ScaleLab.Store;

public sealed partial class RunStore
{
    private const string RunColumns = """
        study, key, kind, grp, specification, seed, status, parameters, parameter_counting,
        tokens, token_unit, compute, compute_counting, metrics, ending, steps, diagnostics, error, wall_seconds, created, seq
        """;

    /// <summary>
    /// Writes one run, its tags and its learning curve in one transaction. A finished run is written
    /// once: saving a key the store holds finished writes nothing and says so. A failed run replaces
    /// an earlier failure of the key (the latest error is kept), and a finished run replaces a
    /// failure (the retry that worked). With <paramref name="claim"/>, the claim's attempt ends
    /// (finished or failed, as the run) and the claim is released in the same transaction.
    /// </summary>
    /// <exception cref="ArgumentException">A finished run without outcome, a curve with a repeated step, or a claim of another run.</exception>
    public RunWrite Save(RunRecord run, IReadOnlyList<CurvePoint>? curve = null, RunClaim? claim = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        CheckRun(run, curve);
        if (claim is not null && (claim.Study != run.Study || claim.Key != run.Key))
        {
            throw new ArgumentException($"the claim is for run {claim.Key} of '{claim.Study}', not {run.Key} of '{run.Study}'", nameof(claim));
        }
        return Write(s =>
        {
            bool stored = WriteRun(s, run, curve ?? [], failureReplacesFailure: true);
            if (claim is not null)
            {
                var state = run.Status == RunStatus.Finished ? AttemptState.Finished : AttemptState.Failed;
                SetAttempt(s, claim, state, null, null, null, stored ? run.Error : "the run was already finished by another attempt");
            }
            return stored ? RunWrite.Stored : RunWrite.AlreadyFinished;
        });
    }

    /// <summary>Keys of the runs of <paramref name="study"/> that finished (failed runs are not in it: they are retried).</summary>
    public IReadOnlySet<string> FinishedKeys(string study) => Read(s =>
    {
        using var command = s.Command("SELECT key FROM runs WHERE study = @study AND status = 'finished'");
        command.Text("@study", study);
        return ReadAll(command, r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>The runs of one study or sweep, or of all when <paramref name="study"/> is null, in the order they were written.</summary>
    public IReadOnlyList<RunRecord> Runs(string? study = null) => Read(s =>
    {
        string where = study is null ? "" : " WHERE study = @study";
        using var command = s.Command($"SELECT {RunColumns} FROM runs{where}");
        using var tagCommand = s.Command($"SELECT study, key, name, value FROM run_tags{where}");
        if (study is not null)
        {
            command.Text("@study", study);
            tagCommand.Text("@study", study);
        }
        var tags = ReadAll(tagCommand, r => (Run: (r.GetString(0), r.GetString(1)), Tag: KeyValuePair.Create(r.GetString(2), r.GetString(3))))
            .GroupBy(t => t.Run)
            .ToDictionary(g => g.Key, g => new RunTags(g.Select(t => t.Tag)));
        return ReadAll(command, r => (Run: ReadRun(r), Seq: r.IsDBNull(20) ? 0 : r.GetInt64(20)))
            .OrderBy(x => x.Run.Created).ThenBy(x => x.Seq).ThenBy(x => x.Run.Key, StringComparer.Ordinal)
            .Select(x => tags.TryGetValue((x.Run.Study, x.Run.Key), out var t) ? x.Run with { Tags = t } : x.Run)
            .ToArray();
    });

    /// <summary>The learning curve of one run in step order; empty when none was stored.</summary>
    public IReadOnlyList<CurvePoint> Curve(string study, string key) => Read(s =>
    {
        using var command = s.Command("SELECT key, step, tokens, metrics FROM curve_points WHERE study = @study AND key = @key");
        command.Text("@study", study).Text("@key", key);
        return ReadAll(command, ReadPoint).Select(p => p.Point).OrderBy(p => p.Step).ToArray();
    });

    /// <summary>The learning curves of every run of <paramref name="study"/> that has one, by run key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CurvePoint>> Curves(string study) => Read(s =>
    {
        using var command = s.Command("SELECT key, step, tokens, metrics FROM curve_points WHERE study = @study");
        command.Text("@study", study);
        return ReadAll(command, ReadPoint).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CurvePoint>)g.Select(p => p.Point).OrderBy(p => p.Step).ToArray(), StringComparer.Ordinal);
    });

    private static void CheckRun(RunRecord run, IReadOnlyList<CurvePoint>? curve)
    {
        if (run.Status == RunStatus.Finished && run.Outcome is null)
        {
            throw new ArgumentException($"run {run.Key} is finished but has no outcome", nameof(run));
        }
        if (curve is null) return;
        var steps = new HashSet<long>();
        foreach (var point in curve)
        {
            if (!steps.Add(point.Step)) throw new ArgumentException($"the learning curve of run {run.Key} has step {point.Step} twice", nameof(curve));
        }
    }

    /// <summary>
    /// Writes the run unless the store holds it finished (or, without <paramref name="failureReplacesFailure"/>,
    /// unless the store holds it at all and the new run is not a finished one); returns whether it wrote.
    /// </summary>
    private static bool WriteRun(StoreSession s, RunRecord run, IReadOnlyList<CurvePoint> curve, bool failureReplacesFailure)
    {
        string condition = failureReplacesFailure ? "runs.status <> 'finished'" : "runs.status <> 'finished' AND excluded.status = 'finished'";
        using var command = s.Command($"""
            INSERT INTO runs ({RunColumns})
            VALUES (@study, @key, @kind, @grp, @specification, @seed, @status, @parameters, @parameterCounting,
                    @tokens, @tokenUnit, @compute, @computeCounting, @metrics, @ending, @steps, @diagnostics, @error, @wallSeconds, @created,
                    (SELECT COALESCE(MAX(seq), 0) + 1 FROM runs))
            ON CONFLICT (study, key) DO UPDATE SET
              kind = excluded.kind, grp = excluded.grp, specification = excluded.specification, seed = excluded.seed,
              status = excluded.status, parameters = excluded.parameters, parameter_counting = excluded.parameter_counting,
              tokens = excluded.tokens, token_unit = excluded.token_unit, compute = excluded.compute,
              compute_counting = excluded.compute_counting, metrics = excluded.metrics, ending = excluded.ending,
              steps = excluded.steps, diagnostics = excluded.diagnostics, error = excluded.error,
              wall_seconds = excluded.wall_seconds, created = excluded.created, seq = excluded.seq
            WHERE {condition}
            """);
        var o = run.Outcome;
        command.Text("@study", run.Study).Text("@key", run.Key).Text("@kind", run.Kind).Text("@grp", run.Group)
            .Text("@specification", run.Specification).Integer("@seed", run.Seed).Text("@status", StoreText.Status(run.Status))
            .Real("@parameters", o?.Parameters.Value).Text("@parameterCounting", o?.ParameterCounting)
            .Real("@tokens", o?.Tokens?.Value).Text("@tokenUnit", o?.TokenUnit)
            .Real("@compute", o?.Compute?.Value).Text("@computeCounting", o?.ComputeCounting)
            .Text("@metrics", StoreText.RunMetrics(o)).Text("@ending", o?.Ending).Integer("@steps", o?.Steps)
            .Text("@diagnostics", JsonSerializer.Serialize(o?.Diagnostics ?? [], StoreText.JsonOptions)).Text("@error", run.Error)
            .Real("@wallSeconds", run.WallSeconds).Text("@created", StoreText.Time(run.Created));
        if (command.ExecuteNonQuery() == 0) return false;

        // Everything else the run writes goes in one command: one round trip to a server, however many rows.
        var sql = new StringBuilder("DELETE FROM run_tags WHERE study = @study AND key = @key; DELETE FROM curve_points WHERE study = @study AND key = @key");
        using var rest = s.Command("");
        rest.Text("@study", run.Study).Text("@key", run.Key);
        Rows(sql, rest, "run_tags (study, key, name, value, number)", "t", run.Tags.ToArray(), (c, name, tag) =>
            c.Text(name + "a", tag.Key).Text(name + "b", tag.Value).Real(name + "c", RunTags.Number(tag.Value)));
        Rows(sql, rest, "curve_points (study, key, step, tokens, metrics)", "p", curve, (c, name, p) =>
            c.Integer(name + "a", p.Step).Real(name + "b", p.Tokens).Text(name + "c", StoreText.Metrics(p.Metrics)));
        rest.CommandText = sql.ToString();
        rest.ExecuteNonQuery();
        return true;
    }

    /// <summary>
    /// Appends inserts of rows of one of the run's child tables (study, key and three values) to
    /// <paramref name="sql"/>, a few hundred rows per statement, binding their values on <paramref name="command"/>.
    /// </summary>
    private static void Rows<T>(StringBuilder sql, DbCommand command, string table, string prefix, IReadOnlyList<T> rows, Action<DbCommand, string, T> bind)
    {
        const int RowsPerStatement = 250;
        for (int from = 0; from < rows.Count; from += RowsPerStatement)
        {
            int count = Math.Min(RowsPerStatement, rows.Count - from);
            sql.Append("; INSERT INTO ").Append(table).Append(" VALUES ");
            for (int i = from; i < from + count; i++)
            {
                string name = $"@{prefix}{i}";
                sql.Append(i == from ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@study, @key, {name}a, {name}b, {name}c)");
                bind(command, name, rows[i]);
            }
        }
    }

    private static (string Key, CurvePoint Point) ReadPoint(DbDataReader r) =>
        (r.GetString(0), new CurvePoint(r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2), StoreText.ParseMetrics(r.GetString(3))));

    private static RunRecord ReadRun(DbDataReader reader)
    {
        var status = reader.GetString(6) == "finished" ? RunStatus.Finished : RunStatus.Failed;
        RunOutcome? outcome = null;
        if (status == RunStatus.Finished)
        {
            var (train, heldOut) = StoreText.ParseRunMetrics(reader.GetString(13));
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
                Diagnostics = JsonSerializer.Deserialize<Diagnostic[]>(reader.GetString(16), StoreText.JsonOptions) ?? [],
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
            Created = StoreText.ParseTime(reader.GetString(19)),
        };
    }
}
