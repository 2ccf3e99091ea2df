namespace ScaleLab.Studies.Execution;

/// <summary>
/// Runs planned runs somewhere (in this process, as local processes, on a cluster) and reports
/// each one the moment it ends. The <see cref="StudyRunner"/> decides which runs are pending and
/// stores what its executor reports; an executor only runs them.
/// </summary>
public interface IRunExecutor
{
    /// <summary>Runs executed at once.</summary>
    int Workers { get; }

    /// <summary>
    /// Executes <paramref name="runs"/>, taking them in order, and calls <paramref name="ended"/>
    /// once for each run that ends, finished or failed, on whichever thread it ended (the callback
    /// must be thread-safe and must not throw). A run in flight when
    /// <paramref name="cancellationToken"/> fires is abandoned and not reported. Completes when every
    /// run has been reported or abandoned.
    /// </summary>
    Task ExecuteAsync(IReadOnlyList<PlannedRun> runs, Action<ExecutedRun> ended, CancellationToken cancellationToken);
}
