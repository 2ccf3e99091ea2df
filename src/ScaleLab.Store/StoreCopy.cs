namespace ScaleLab.Store;

/// <summary>
/// Copies the studies and sweeps of one store into another (SQLite or PostgreSQL, either way):
/// their regimes and definitions, runs with tags and learning curves, and attempts. Claims are
/// not copied: they are leases of workers on the source. Copying is idempotent and resumable: a
/// row the target has is kept (a finished run is never replaced, a failure is replaced by a
/// finish), runs are committed in batches each holding whole runs, so a copy killed at any moment
/// and started again ends with the same target as one that was never interrupted.
/// </summary>
public static class StoreCopy
{
    /// <summary>Runs per transaction: large enough that a server round trip per run does not dominate, small enough to report progress.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// Copies everything in <paramref name="source"/> to <paramref name="target"/>. Conflicts (a study
    /// with another seed in the target, a name that is a study in one and a sweep in the other) are
    /// found before anything is written.
    /// </summary>
    /// <exception cref="InvalidOperationException">A conflict; the target is unchanged.</exception>
    public static StoreCopySummary Copy(RunStore source, RunStore target, IProgress<StoreCopyProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var studies = source.Studies();
        var sweeps = source.Sweeps();
        CheckConflicts(studies, sweeps, target);

        int total = source.Runs().Count, done = 0, copied = 0, kept = 0, attempts = 0;
        int studiesAdded = studies.Count(target.ImportStudy);
        int sweepsAdded = sweeps.Count(target.ImportSweep);
        foreach (var name in studies.Select(s => s.Name).Concat(sweeps.Select(s => s.Name)))
        {
            if (cancellationToken.IsCancellationRequested) break;
            var runs = source.Runs(name);
            var curves = source.Curves(name);
            foreach (var batch in runs.Chunk(BatchSize))
            {
                if (cancellationToken.IsCancellationRequested) break;
                int written = target.ImportRuns([.. batch.Select(r => (r, curves.GetValueOrDefault(r.Key) ?? []))]);
                copied += written;
                kept += batch.Length - written;
                done += batch.Length;
                progress?.Report(new StoreCopyProgress(name, done, total));
            }
            if (!cancellationToken.IsCancellationRequested) attempts += target.ImportAttempts(source.Attempts(name));
        }
        return new StoreCopySummary
        {
            StudiesAdded = studiesAdded, StudiesPresent = studies.Count - studiesAdded,
            SweepsAdded = sweepsAdded, SweepsPresent = sweeps.Count - sweepsAdded,
            RunsCopied = copied, RunsKept = kept, AttemptsCopied = attempts,
            Cancelled = cancellationToken.IsCancellationRequested,
        };
    }

    private static void CheckConflicts(IReadOnlyList<StudyRecord> studies, IReadOnlyList<SweepRecord> sweeps, RunStore target)
    {
        var conflict = studies.Select(s => target.ImportConflict(s.Name, isStudy: true, s.Seed))
            .Concat(sweeps.Select(s => target.ImportConflict(s.Name, isStudy: false, 0)))
            .FirstOrDefault(c => c is not null);
        if (conflict is not null) throw new InvalidOperationException(conflict + ": nothing copied");
    }
}
