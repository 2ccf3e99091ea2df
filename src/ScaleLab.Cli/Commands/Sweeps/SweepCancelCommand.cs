using System.CommandLine;
using ScaleLab.Studies.Execution.Slurm;
using ScaleLab.Sweeps.Driving;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>
/// <c>scalelab sweep cancel FILE</c>: stops the sweep. Every Slurm job of the sweep is cancelled with
/// one <c>scancel --name</c>, and the drivers running from the sweep's runs folder are told to stop
/// (through a marker file they watch, which works on every platform); finished runs are kept, and
/// <c>sweep run</c> resumes.
/// </summary>
internal static class SweepCancelCommand
{
    private static readonly TimeSpan WaitForDrivers = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the sweep file (TOML)" };
        var store = StoreOption.Create();
        var runsDirectory = new Option<string?>("--runs-dir") { Description = "the runs folder given to sweep run (default NAME.runs beside the file)" };
        var command = new Command("cancel", "Stop a sweep: cancel its Slurm jobs (scancel) and stop its drivers; finished runs are kept") { file, store, runsDirectory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (SweepConsole.Load(parse.GetValue(file)!, error) is not { } definition) return Program.BadInput;
            if (!StoreOption.TryOpen(parse.GetValue(store)!, mustExist: true, error, out var opened)) return Program.BadInput;
            using var runStore = opened;
            string runs = SweepConsole.RunsDirectory(definition, parse.GetValue(runsDirectory));
            Directory.CreateDirectory(runs);
            await File.WriteAllTextAsync(Marker(runs), "cancel\n", CancellationToken.None).ConfigureAwait(false);

            var open = runStore.Attempts(definition.Name).Where(a => a.JobId is { } j && SlurmExecutor.CanFollow(j) && !ScaleLab.Store.AttemptStates.IsFinal(a.State)).ToArray();
            if (open.Length > 0)
            {
                try
                {
                    await new SlurmClient().CancelAsync([], SweepConsole.JobName(definition, runStore.Path), cancellationToken).ConfigureAwait(false);
                }
                catch (SlurmException e)
                {
                    return BadInputGuard.Fail(parse, e.Message);
                }
                output.WriteLine($"sweep '{definition.Name}': cancelled its Slurm jobs ({open.Length} task(s) queued or running)");
            }
            // Drivers stop at the marker; wait until every lock in the runs folder is free.
            var deadline = DateTime.UtcNow + WaitForDrivers;
            while (Locks(runs).Any(l => !IsFree(l)) && DateTime.UtcNow < deadline) await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            bool stopped = Locks(runs).All(IsFree);
            if (stopped && open.Length > 0) EndCancelled(runStore, open, runs);
            output.WriteLine(stopped
                ? $"sweep '{definition.Name}': no driver runs it now; finished runs are kept and 'sweep run' resumes"
                : $"sweep '{definition.Name}': a driver still holds {runs}; it stops at its next check");
            return stopped ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// Records as cancelled the open Slurm attempts of this machine's drivers of <paramref name="runs"/>,
    /// which stopped without seeing their tasks end (a driver elsewhere records its own at its next poll),
    /// so the status shows them cancelled rather than running.
    /// </summary>
    private static void EndCancelled(ScaleLab.Store.RunStore store, IReadOnlyList<ScaleLab.Store.AttemptRecord> open, string runs)
    {
        string ours = SweepConsole.DriversOf(runs);
        foreach (var attempt in open.Where(a => a.Worker == ours || a.Worker.StartsWith(ours + "#", StringComparison.Ordinal)))
        {
            var adopted = store.TryAdopt(attempt, attempt.Worker, TimeSpan.FromMinutes(1));
            if (adopted.Claim is { } claim) store.Release(claim, ScaleLab.Store.AttemptState.Cancelled, $"cancelled by sweep cancel (scancel, task {attempt.JobId})");
        }
    }

    /// <summary>The file that tells the drivers of a runs folder to stop.</summary>
    public static string Marker(string runs) => Path.Combine(runs, "cancel");

    /// <summary>Cancels <paramref name="stop"/> when the marker appears in <paramref name="runs"/>; checked every second.</summary>
    public static IDisposable Watch(string runs, CancellationTokenSource stop)
    {
        string marker = Marker(runs);
        return new Timer(_ =>
        {
            if (File.Exists(marker))
            {
                try { stop.Cancel(); } catch (ObjectDisposedException) { }
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private static IEnumerable<string> Locks(string runs) => Directory.Exists(runs) ? Directory.EnumerateFiles(runs, "driver*.lock") : [];

    private static bool IsFree(string lockFile)
    {
        string name = Path.GetFileNameWithoutExtension(lockFile);
        return DriverLock.IsFree(Path.GetDirectoryName(lockFile)!, name == "driver" ? null : name["driver-".Length..]);
    }
}
