using ScaleLab.Store;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Sweeps.Driving;

/// <summary>Where every run of a sweep stands in the store, the failures with their errors, and the fit to what finished.</summary>
public sealed record SweepStatus
{
    /// <summary>The state of each planned run, by run key, in plan order.</summary>
    public required IReadOnlyList<(string Key, SweepRunState State)> Runs { get; init; }

    /// <summary>Runs of the sweep in the store that the grid does not plan now (a grid that changed); they are fitted too.</summary>
    public required int OutsideGrid { get; init; }

    /// <summary>Failed runs' errors (for <see cref="SweepRunState.Failed"/>) and the last attempt's reason (for <see cref="SweepRunState.Retrying"/>), by run key.</summary>
    public required IReadOnlyDictionary<string, string> Errors { get; init; }

    /// <summary>The job ids of attempts queued or running (a Slurm task, a local process), by run key.</summary>
    public required IReadOnlyDictionary<string, string> Jobs { get; init; }

    /// <summary>The fit to every finished run of the sweep.</summary>
    public required SweepFitResult Fit { get; init; }

    /// <summary>Runs in <paramref name="state"/>.</summary>
    public int Count(SweepRunState state) => Runs.Count(r => r.State == state);

    /// <summary>True when no run is in flight or waiting for a retry: every run finished, failed or was cancelled, or none started.</summary>
    public bool Settled => Runs.All(r => r.State is SweepRunState.Finished or SweepRunState.Failed or SweepRunState.Cancelled or SweepRunState.NotStarted or SweepRunState.Orphaned);

    /// <summary>Reads the status of <paramref name="plan"/> from <paramref name="store"/> at <paramref name="now"/>.</summary>
    public static SweepStatus Read(RunStore store, SweepPlan plan, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        string name = plan.Definition.Name;
        var runs = store.Runs(name);
        var records = runs.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var attempts = store.Attempts(name).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Attempt)!, StringComparer.Ordinal);
        var claims = store.Claims(name).ToDictionary(c => c.Key, StringComparer.Ordinal);
        var planned = plan.Runs.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        var states = new List<(string, SweepRunState)>();
        foreach (var run in plan.Runs)
        {
            records.TryGetValue(run.Key, out var record);
            attempts.TryGetValue(run.Key, out var last);
            SweepRunState state;
            if (record?.Status == RunStatus.Finished) state = SweepRunState.Finished;
            else if (last is not null && !AttemptStates.IsFinal(last.State))
            {
                state = !claims.ContainsKey(run.Key) ? SweepRunState.Orphaned
                    : last.State switch { AttemptState.Running => SweepRunState.Running, AttemptState.Pending => SweepRunState.Queued, _ => SweepRunState.Starting };
                if (last.JobId is { } job) jobs[run.Key] = job;
            }
            else if (record?.Status == RunStatus.Failed && (last is null || last.Started <= record.Created)) state = SweepRunState.Failed;
            else if (last is { State: AttemptState.Failed or AttemptState.Preempted }) state = SweepRunState.Retrying;
            else if (last is { State: AttemptState.Cancelled }) state = SweepRunState.Cancelled;
            else state = SweepRunState.NotStarted;
            if (state == SweepRunState.Failed) errors[run.Key] = record!.Error ?? "failed";
            else if (state == SweepRunState.Retrying) errors[run.Key] = last!.Reason ?? "failed";
            states.Add((run.Key, state));
        }
        return new SweepStatus
        {
            Runs = states, OutsideGrid = runs.Count(r => !planned.Contains(r.Key)), Errors = errors, Jobs = jobs,
            Fit = SweepFit.Fit(runs, plan.Definition.Law, plan.Definition.Metric, plan.TargetCompute, cancellationToken),
        };
    }
}
