namespace ScaleLab.Store;

public sealed partial class RunStore
{
    /// <summary>
    /// Adds <paramref name="study"/> as it is (its creation time included) unless the store has it;
    /// a study already here keeps its description, and gets the regimes only if it had none.
    /// Returns whether it was added.
    /// </summary>
    /// <exception cref="InvalidOperationException">The study is here with another seed, or a sweep has its name.</exception>
    internal bool ImportStudy(StudyRecord study) => Write(s =>
    {
        s.Backend.LockNames(s.Connection, s.Transaction);
        CheckImport(s, study.Name, isStudy: true, study.Seed);
        using var insert = s.Command("INSERT INTO studies (name, seed, description, created, regimes) VALUES (@name, @seed, @description, @created, @regimes) ON CONFLICT (name) DO NOTHING");
        insert.Text("@name", study.Name).Integer("@seed", study.Seed).Text("@description", study.Description)
            .Text("@created", StoreText.Time(study.Created)).Text("@regimes", study.Regimes);
        bool added = insert.ExecuteNonQuery() > 0;
        if (!added && study.Regimes is not null)
        {
            using var regimes = s.Command("UPDATE studies SET regimes = @regimes WHERE name = @name AND regimes IS NULL");
            regimes.Text("@regimes", study.Regimes).Text("@name", study.Name).ExecuteNonQuery();
        }
        return added;
    });

    /// <summary>Adds <paramref name="sweep"/> as it is unless the store has it (then its definition stays); returns whether it was added.</summary>
    /// <exception cref="InvalidOperationException">A study has the sweep's name.</exception>
    internal bool ImportSweep(SweepRecord sweep) => Write(s =>
    {
        s.Backend.LockNames(s.Connection, s.Transaction);
        CheckImport(s, sweep.Name, isStudy: false, 0);
        using var insert = s.Command("INSERT INTO sweeps (name, definition, created) VALUES (@name, @definition, @created) ON CONFLICT (name) DO NOTHING");
        insert.Text("@name", sweep.Name).Text("@definition", sweep.Definition).Text("@created", StoreText.Time(sweep.Created));
        return insert.ExecuteNonQuery() > 0;
    });

    /// <summary>
    /// Adds the runs in one transaction, each with its curve: a run the store lacks is added, a
    /// finished run replaces a failure, anything else here stays. Returns how many were written.
    /// </summary>
    internal int ImportRuns(IReadOnlyList<(RunRecord Run, IReadOnlyList<CurvePoint> Curve)> runs)
    {
        foreach (var (run, curve) in runs) CheckRun(run, curve);
        return Write(s => runs.Count(r => WriteRun(s, r.Run, r.Curve, failureReplacesFailure: false)));
    }

    /// <summary>Adds the attempts this store lacks (by run and attempt number) in one transaction; returns how many.</summary>
    internal int ImportAttempts(IReadOnlyList<AttemptRecord> attempts) => Write(s =>
    {
        using var insert = s.Command($"""
            INSERT INTO attempts ({AttemptColumns})
            VALUES (@study, @key, @attempt, @worker, @job, @state, @exit, @log, @reason, @started, @updated, @ended)
            ON CONFLICT (study, key, attempt) DO NOTHING
            """);
        int added = 0;
        foreach (var a in attempts)
        {
            insert.Parameters.Clear();
            insert.Text("@study", a.Study).Text("@key", a.Key).Integer("@attempt", a.Attempt).Text("@worker", a.Worker).Text("@job", a.JobId)
                .Text("@state", AttemptStates.Name(a.State)).Integer("@exit", a.ExitCode).Text("@log", a.LogTail).Text("@reason", a.Reason)
                .Text("@started", StoreText.Time(a.Started)).Text("@updated", StoreText.Time(a.Updated))
                .Text("@ended", a.Ended is { } e ? StoreText.Time(e) : null);
            added += insert.ExecuteNonQuery();
        }
        return added;
    });

    /// <summary>Why <paramref name="name"/> cannot be copied here from a source where it is a study (with <paramref name="seed"/>) or a sweep; null when it can.</summary>
    internal string? ImportConflict(string name, bool isStudy, long seed) => Read(s => Conflict(s, name, isStudy, seed));

    private void CheckImport(StoreSession s, string name, bool isStudy, long seed)
    {
        if (Conflict(s, name, isStudy, seed) is { } conflict) throw new InvalidOperationException(conflict);
    }

    private string? Conflict(StoreSession s, string name, bool isStudy, long seed)
    {
        if (isStudy ? FindSweep(s, name) is not null : FindStudy(s, name) is not null)
        {
            return $"'{name}' is a {(isStudy ? "study" : "sweep")} in the source but a {(isStudy ? "sweep" : "study")} in {Path}";
        }
        if (isStudy && FindStudy(s, name) is { } here && here.Seed != seed)
        {
            return $"study '{name}' has seed {seed} in the source but seed {here.Seed} in {Path}";
        }
        return null;
    }
}
