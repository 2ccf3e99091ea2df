using System.Data.Common;
using System.Globalization;

namespace ScaleLab.Store;

public sealed partial class RunStore
{
    private const string OpenStates = "('claimed', 'pending', 'running')";
    private const string AttemptColumns = "study, key, attempt, worker, job_id, state, exit_code, log_tail, reason, started, updated, ended";

    /// <summary>
    /// Claims run <paramref name="key"/> of <paramref name="study"/> for <paramref name="worker"/>
    /// until <paramref name="lease"/> from now, starting a new attempt, unless the run is finished or
    /// another worker holds a live claim. Of several workers claiming the same run at once, from any
    /// number of processes, exactly one gets it. An earlier attempt left open by a worker whose claim
    /// lapsed is recorded as failed. The run itself need not be in the store yet.
    /// </summary>
    public ClaimResult TryClaim(string study, string key, string worker, TimeSpan lease)
    {
        CheckClaimArguments(study, key, worker, lease);
        return Write(s =>
        {
            long now = StoreText.Milliseconds(s.Now);
            using (var upsert = s.Command("""
                INSERT INTO claims (study, key, worker, attempt, acquired, expires) VALUES (@study, @key, @worker, 0, @acquired, @expires)
                ON CONFLICT (study, key) DO UPDATE SET worker = excluded.worker, acquired = excluded.acquired, expires = excluded.expires
                WHERE claims.expires <= @now
                """))
            {
                upsert.Text("@study", study).Text("@key", key).Text("@worker", worker).Text("@acquired", StoreText.Time(s.Now))
                    .Integer("@expires", now + (long)lease.TotalMilliseconds).Integer("@now", now);
                if (upsert.ExecuteNonQuery() == 0)
                {
                    s.Discard = true;
                    return new ClaimResult(ClaimStatus.Held, null, FindClaim(s, study, key));
                }
            }
            // Checked after the claim row is ours: a worker that finished the run released this row in
            // the same transaction as its result, so the result is visible here.
            if (IsFinished(s, study, key))
            {
                s.Discard = true;
                return new ClaimResult(ClaimStatus.Finished, null, null);
            }
            // Every attempt is started here, under the claim row, so the next number is free.
            RunClaim claim;
            using (var number = s.Command("""
                UPDATE claims SET attempt = (SELECT COALESCE(MAX(a.attempt), 0) + 1 FROM attempts a WHERE a.study = @study AND a.key = @key)
                WHERE study = @study AND key = @key
                RETURNING study, key, worker, attempt, acquired, expires
                """))
            {
                number.Text("@study", study).Text("@key", key);
                claim = ReadAll(number, ReadClaim).Single();
            }
            using (var start = s.Command($"""
                UPDATE attempts SET state = 'failed', reason = @reason, updated = @now, ended = @now
                WHERE study = @study AND key = @key AND attempt < @attempt AND state IN {OpenStates};
                INSERT INTO attempts (study, key, attempt, worker, state, started, updated) VALUES (@study, @key, @attempt, @worker, 'claimed', @now, @now)
                """))
            {
                start.Text("@reason", "its claim lapsed: the worker stopped renewing it").Text("@now", StoreText.Time(s.Now))
                    .Text("@study", study).Text("@key", key).Integer("@attempt", claim.Attempt).Text("@worker", worker).ExecuteNonQuery();
            }
            return new ClaimResult(ClaimStatus.Claimed, claim, null);
        });
    }

    /// <summary>
    /// Takes over <paramref name="attempt"/> for <paramref name="worker"/> without starting a new
    /// one, when its claim has lapsed (or is already the worker's): how a restarted driver adopts a
    /// job its predecessor submitted and that is still queued or running.
    /// </summary>
    public ClaimResult TryAdopt(AttemptRecord attempt, string worker, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        CheckClaimArguments(attempt.Study, attempt.Key, worker, lease);
        return Write(s =>
        {
            if (IsFinished(s, attempt.Study, attempt.Key))
            {
                s.Discard = true;
                return new ClaimResult(ClaimStatus.Finished, null, null);
            }
            long now = StoreText.Milliseconds(s.Now);
            using var take = s.Command($"""
                UPDATE claims SET worker = @worker, acquired = @acquired, expires = @expires
                WHERE study = @study AND key = @key AND attempt = @attempt AND (expires <= @now OR worker = @worker)
                  AND EXISTS (SELECT 1 FROM attempts a WHERE a.study = @study AND a.key = @key AND a.attempt = @attempt AND a.state IN {OpenStates})
                """);
            take.Text("@worker", worker).Text("@acquired", StoreText.Time(s.Now)).Integer("@expires", now + (long)lease.TotalMilliseconds)
                .Text("@study", attempt.Study).Text("@key", attempt.Key).Integer("@attempt", attempt.Attempt).Integer("@now", now);
            if (take.ExecuteNonQuery() == 0)
            {
                s.Discard = true;
                // Held only when another worker holds this very attempt; a later attempt or an ended one cannot be adopted at all.
                var holder = FindClaim(s, attempt.Study, attempt.Key);
                bool held = holder is not null && holder.Attempt == attempt.Attempt && StoreText.Milliseconds(holder.Expires) > now && IsOpen(s, attempt);
                return new ClaimResult(held ? ClaimStatus.Held : ClaimStatus.Superseded, null, held ? holder : null);
            }
            using var owner = s.Command("UPDATE attempts SET worker = @worker, updated = @now WHERE study = @study AND key = @key AND attempt = @attempt");
            owner.Text("@worker", worker).Text("@now", StoreText.Time(s.Now)).Text("@study", attempt.Study).Text("@key", attempt.Key)
                .Integer("@attempt", attempt.Attempt).ExecuteNonQuery();
            return new ClaimResult(ClaimStatus.Claimed, FindClaim(s, attempt.Study, attempt.Key), null);
        });
    }

    /// <summary>Extends <paramref name="claim"/> to <paramref name="lease"/> from now; null when it was lost (it lapsed and another worker claimed the run).</summary>
    public RunClaim? Renew(RunClaim claim, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(claim);
        CheckClaimArguments(claim.Study, claim.Key, claim.Worker, lease);
        return Write(s =>
        {
            using var renew = s.Command("UPDATE claims SET expires = @expires WHERE study = @study AND key = @key AND worker = @worker AND attempt = @attempt");
            renew.Integer("@expires", StoreText.Milliseconds(s.Now) + (long)lease.TotalMilliseconds)
                .Text("@study", claim.Study).Text("@key", claim.Key).Text("@worker", claim.Worker).Integer("@attempt", claim.Attempt);
            if (renew.ExecuteNonQuery() == 0) return null;
            using var beat = s.Command("UPDATE attempts SET updated = @now WHERE study = @study AND key = @key AND attempt = @attempt");
            beat.Text("@now", StoreText.Time(s.Now)).Text("@study", claim.Study).Text("@key", claim.Key).Integer("@attempt", claim.Attempt).ExecuteNonQuery();
            return FindClaim(s, claim.Study, claim.Key);
        });
    }

    /// <summary>
    /// Records where the claim's attempt stands: its state, and the job id, exit code, log tail and
    /// reason when given (others keep their values). A final state also releases the claim. Returns
    /// false, changing nothing, when the claim was lost.
    /// </summary>
    public bool UpdateAttempt(RunClaim claim, AttemptState state, string? jobId = null, int? exitCode = null, string? logTail = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Write(s =>
        {
            if (!Holds(s, claim))
            {
                s.Discard = true;
                return false;
            }
            SetAttempt(s, claim, state, jobId, exitCode, logTail, reason);
            return true;
        });
    }

    /// <summary>
    /// Gives up <paramref name="claim"/> without a result, ending its attempt as <paramref name="ending"/>
    /// (cancelled by default; preempted or failed when that is what happened), so another worker may
    /// claim the run at once. Returns false when the claim was already lost.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="ending"/> is not a final state.</exception>
    public bool Release(RunClaim claim, AttemptState ending = AttemptState.Cancelled, string? reason = null)
    {
        if (!AttemptStates.IsFinal(ending)) throw new ArgumentException($"a released attempt ends; '{AttemptStates.Name(ending)}' is not a final state", nameof(ending));
        return UpdateAttempt(claim, ending, reason: reason);
    }

    /// <summary>The attempts at the runs of <paramref name="study"/> (or at run <paramref name="key"/> only), by run key and attempt number.</summary>
    public IReadOnlyList<AttemptRecord> Attempts(string study, string? key = null) => Read(s =>
    {
        using var command = s.Command($"SELECT {AttemptColumns} FROM attempts WHERE study = @study" + (key is null ? "" : " AND key = @key"));
        command.Text("@study", study);
        if (key is not null) command.Text("@key", key);
        return ReadAll(command, ReadAttempt).OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.Attempt).ToArray();
    });

    /// <summary>The live claims on runs of <paramref name="study"/>: who trains what now.</summary>
    public IReadOnlyList<RunClaim> Claims(string study) => Read(s =>
    {
        using var command = s.Command("SELECT study, key, worker, attempt, acquired, expires FROM claims WHERE study = @study AND expires > @now");
        command.Text("@study", study).Integer("@now", StoreText.Milliseconds(s.Now));
        return ReadAll(command, ReadClaim).OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
    });

    private static void CheckClaimArguments(string study, string key, string worker, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (lease <= TimeSpan.Zero || lease > TimeSpan.FromDays(30))
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "a lease lasts more than zero and at most 30 days");
        }
    }

    private static bool IsFinished(StoreSession s, string study, string key)
    {
        using var command = s.Command("SELECT COUNT(*) FROM runs WHERE study = @study AND key = @key AND status = 'finished'");
        command.Text("@study", study).Text("@key", key);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static bool IsOpen(StoreSession s, AttemptRecord attempt)
    {
        using var command = s.Command($"SELECT COUNT(*) FROM attempts WHERE study = @study AND key = @key AND attempt = @attempt AND state IN {OpenStates}");
        command.Text("@study", attempt.Study).Text("@key", attempt.Key).Integer("@attempt", attempt.Attempt);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static bool Holds(StoreSession s, RunClaim claim)
    {
        using var command = s.Command("SELECT COUNT(*) FROM claims WHERE study = @study AND key = @key AND worker = @worker AND attempt = @attempt");
        command.Text("@study", claim.Study).Text("@key", claim.Key).Text("@worker", claim.Worker).Integer("@attempt", claim.Attempt);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Records the attempt's state (and the values given); a final state also frees the claim if the
    /// worker still holds it, in the same command. The row stays, with no worker and expired, so
    /// attempt numbers keep counting and a stale holder cannot renew.
    /// </summary>
    private static void SetAttempt(StoreSession s, RunClaim claim, AttemptState state, string? jobId, int? exitCode, string? logTail, string? reason)
    {
        bool final = AttemptStates.IsFinal(state);
        using var command = s.Command("""
            UPDATE attempts SET state = @state, job_id = COALESCE(@job, job_id), exit_code = COALESCE(@exit, exit_code),
              log_tail = COALESCE(@log, log_tail), reason = COALESCE(@reason, reason), updated = @now,
              ended = CASE WHEN @final = 1 THEN @now ELSE NULL END
            WHERE study = @study AND key = @key AND attempt = @attempt
            """ + (final ? "; UPDATE claims SET worker = '', expires = 0 WHERE study = @study AND key = @key AND worker = @worker AND attempt = @attempt" : ""));
        command.Text("@state", AttemptStates.Name(state)).Text("@job", jobId).Integer("@exit", exitCode).Text("@log", logTail).Text("@reason", reason)
            .Text("@now", StoreText.Time(s.Now)).Integer("@final", final ? 1 : 0)
            .Text("@study", claim.Study).Text("@key", claim.Key).Integer("@attempt", claim.Attempt);
        if (final) command.Text("@worker", claim.Worker);
        command.ExecuteNonQuery();
    }

    private static RunClaim? FindClaim(StoreSession s, string study, string key)
    {
        using var command = s.Command("SELECT study, key, worker, attempt, acquired, expires FROM claims WHERE study = @study AND key = @key AND worker <> ''");
        command.Text("@study", study).Text("@key", key);
        return ReadAll(command, ReadClaim).SingleOrDefault();
    }

    private static RunClaim ReadClaim(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), checked((int)r.GetInt64(3)),
        StoreText.ParseTime(r.GetString(4)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)));

    private static AttemptRecord ReadAttempt(DbDataReader r) => new()
    {
        Study = r.GetString(0),
        Key = r.GetString(1),
        Attempt = checked((int)r.GetInt64(2)),
        Worker = r.GetString(3),
        JobId = r.IsDBNull(4) ? null : r.GetString(4),
        State = AttemptStates.Parse(r.GetString(5)),
        ExitCode = r.IsDBNull(6) ? null : checked((int)r.GetInt64(6)),
        LogTail = r.IsDBNull(7) ? null : r.GetString(7),
        Reason = r.IsDBNull(8) ? null : r.GetString(8),
        Started = StoreText.ParseTime(r.GetString(9)),
        Updated = StoreText.ParseTime(r.GetString(10)),
        Ended = r.IsDBNull(11) ? null : StoreText.ParseTime(r.GetString(11)),
    };
}
