using System.Globalization;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>
/// Executes runs as Slurm array tasks: one array per submission (<c>sbatch --array=0-N%P</c>) of a
/// generated job script (<see cref="SlurmJobScript"/>), each task addressed as <c>JOBID_TASKID</c>.
/// Every poll reads the queue with one <c>squeue</c> call for all tasks in flight, and reads how tasks
/// ended with one <c>scontrol show job</c> per array that has tasks newly gone from the queue, so the
/// cost of polling does not grow with the number of runs. A failed, preempted or timed-out task is
/// resubmitted as its <see cref="RetryPolicy"/> allows, in a new array, and resumes from its
/// run's checkpoint folder. Jobs are submitted held and released once the ledger has recorded every
/// task, so a driver killed at any moment is never unsure whether a run was submitted: a restarted
/// one finds the held array by its comment and adopts it. Cancelling stops the driving only; the
/// jobs go on, to be followed again by the next execution (or stopped with <c>scancel</c>).
/// </summary>
public sealed partial class SlurmExecutor : IRunExecutor
{
    /// <summary>The job id an attempt carries between its claim and its submission: this prefix, the submission's token and the task index.</summary>
    public const string Placeholder = "submit-";

    private readonly Func<RunInvocation, RunCommand> _command;
    private readonly SlurmExecutorOptions _options;
    private readonly SlurmClient _client;
    private readonly TimeProvider _time;
    private int? _maxTasks;

    /// <summary>Creates the executor.</summary>
    /// <param name="command">The command of one attempt.</param>
    /// <param name="options">Folders, job options, retries and the ledger.</param>
    /// <param name="client">The cluster's commands.</param>
    /// <param name="time">Clock for polls and backoff.</param>
    public SlurmExecutor(Func<RunInvocation, RunCommand> command, SlurmExecutorOptions options, SlurmClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        _command = command;
        _options = options;
        _client = client;
        _time = time;
    }

    /// <inheritdoc />
    /// <remarks>The array tasks of one submission run at once (<see cref="SlurmOptions.Parallel"/>, or as the cluster allows).</remarks>
    public int Workers => _options.Slurm.Parallel ?? int.MaxValue;

    /// <summary>True when <paramref name="jobId"/> is one a Slurm executor follows: a task, or a submission's placeholder.</summary>
    public static bool CanFollow(string jobId) => jobId.StartsWith(Placeholder, StringComparison.Ordinal) || IsTask(jobId);

    /// <summary>The job script of <paramref name="runs"/>' first attempts, as a submission writes it (for a dry run).</summary>
    public string Script(IReadOnlyList<PlannedRun> runs) =>
        SlurmJobScript.Write([.. runs.Select(r => Prepare(new RunAttempt(r, 1), create: false))], _options, "TOKEN");

    /// <inheritdoc />
    public async Task ExecuteAsync(IReadOnlyList<PlannedRun> runs, Action<ExecutedRun> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(ended);
        var state = new Execution(_options.Ledger ?? new CountingLedger(), ended);
        try
        {
            var placeholders = new Dictionary<string, List<(int Index, RunAttempt Attempt)>>(StringComparer.Ordinal);
            foreach (var run in runs) Take(state, run, placeholders);
            if (placeholders.Count > 0) await ReconcileAsync(state, placeholders, cancellationToken).ConfigureAwait(false);
            await SubmitAsync(state, cancellationToken).ConfigureAwait(false);
            while (state.Tracked.Count > 0 || state.Retries.Count > 0)
            {
                await Task.Delay(_options.Slurm.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                foreach (var retry in state.Retries.Where(r => r.Due <= now).ToArray())
                {
                    state.Retries.Remove(retry);
                    Take(state, retry.Run, placeholders);
                }
                await SubmitAsync(state, cancellationToken).ConfigureAwait(false);
                if (state.Tracked.Count > 0) await PollAsync(state, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The jobs go on; their attempts stay open in the ledger for the next execution to follow.
        }
    }

    /// <summary>Asks the ledger for the run's next attempt and files it: adopted task, adopted placeholder, or new.</summary>
    private void Take(Execution state, PlannedRun run, Dictionary<string, List<(int, RunAttempt)>> placeholders)
    {
        while (state.Ledger.Begin(run) is { } attempt)
        {
            if (!attempt.Adopted)
            {
                state.Fresh.Add(attempt);
                return;
            }
            string job = attempt.JobId!;
            if (IsTask(job))
            {
                state.Tracked[job] = new Tracked(attempt, Prepare(attempt, create: false).Invocation);
                return;
            }
            if (job.StartsWith(Placeholder, StringComparison.Ordinal) && job.LastIndexOf('_') is var u and > 0
                && int.TryParse(job[(u + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                string token = job[Placeholder.Length..u];
                if (!placeholders.TryGetValue(token, out var list)) placeholders[token] = list = [];
                list.Add((index, attempt));
                return;
            }
            state.Ledger.Ended(attempt, new AttemptFailure { Reason = $"job {job} is not a Slurm task", Retryable = true, State = AttemptState.Cancelled });
        }
    }

    /// <summary>Finds the held arrays of submissions an earlier driver made but did not finish recording: recorded and released, or, when absent, never submitted.</summary>
    private async Task ReconcileAsync(Execution state, Dictionary<string, List<(int Index, RunAttempt Attempt)>> placeholders, CancellationToken cancellationToken)
    {
        var queue = await _client.QueueAsync(_options.JobName, cancellationToken).ConfigureAwait(false);
        foreach (var (token, attempts) in placeholders)
        {
            var tasks = queue.Where(t => t.Comment == token).ToArray();
            if (tasks.Length == 0)
            {
                state.Fresh.AddRange(attempts.OrderBy(a => a.Index).Select(a => a.Attempt with { JobId = null }));
                continue;
            }
            string array = tasks[0].ArrayJob;
            foreach (var (index, attempt) in attempts)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"{array}_{index}");
                state.Ledger.Submitted(attempt, id, started: false);
                state.Tracked[id] = new Tracked(attempt, Prepare(attempt, create: false).Invocation);
            }
            if (tasks.Any(t => t.IsHeld)) await _client.ReleaseAsync(array, cancellationToken).ConfigureAwait(false);
        }
        placeholders.Clear();
    }

    /// <summary>Submits every new attempt, in arrays of at most the cluster's size, each held until its tasks are recorded.</summary>
    private async Task SubmitAsync(Execution state, CancellationToken cancellationToken)
    {
        if (state.Fresh.Count == 0) return;
        _maxTasks ??= _options.MaxArrayTasks ?? Math.Max(1, await _client.MaxArraySizeAsync(cancellationToken).ConfigureAwait(false) - 1);
        var fresh = state.Fresh.ToArray();
        state.Fresh.Clear();
        foreach (var chunk in fresh.Chunk(_maxTasks.Value))
        {
            var tasks = new List<SlurmJobScript.Task>();
            foreach (var attempt in chunk)
            {
                try
                {
                    tasks.Add(Prepare(attempt, create: true));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Report(state, attempt, null, new AttemptFailure { Reason = $"the command could not be prepared: {e.Message}", Retryable = false }, 0);
                }
            }
            if (tasks.Count == 0) continue;
            string token = "s" + Guid.NewGuid().ToString("N")[..15];
            for (int i = 0; i < tasks.Count; i++) state.Ledger.Submitted(tasks[i].Attempt, string.Create(CultureInfo.InvariantCulture, $"{Placeholder}{token}_{i}"), started: false);
            string folder = Path.Combine(_options.RunsDirectory, "slurm");
            Directory.CreateDirectory(folder);
            string script = Path.Combine(folder, token + ".sh");
            await File.WriteAllTextAsync(script, SlurmJobScript.Write(tasks, _options, token), CancellationToken.None).ConfigureAwait(false);
            string array;
            try
            {
                array = await _client.SubmitHeldAsync(script, cancellationToken).ConfigureAwait(false);
            }
            catch (SlurmException e)
            {
                foreach (var task in tasks) Report(state, task.Attempt, null, new AttemptFailure { Reason = e.Message, Retryable = false }, 0);
                continue;
            }
            for (int i = 0; i < tasks.Count; i++)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"{array}_{i}");
                state.Ledger.Submitted(tasks[i].Attempt, id, started: false);
                state.Tracked[id] = new Tracked(tasks[i].Attempt, tasks[i].Invocation);
            }
            try
            {
                await _client.ReleaseAsync(array, cancellationToken).ConfigureAwait(false);
            }
            catch (SlurmException)
            {
                // Still held: the next poll sees it and releases it again.
            }
        }
    }

    /// <summary>One poll: the queue in one call, then how the tasks that left it ended, one call per array.</summary>
    private async Task PollAsync(Execution state, CancellationToken cancellationToken)
    {
        IReadOnlyList<SlurmTask> queue;
        try
        {
            queue = await _client.QueueAsync(_options.JobName, cancellationToken).ConfigureAwait(false);
        }
        catch (SlurmException)
        {
            // A controller that does not answer says nothing about the tasks: ask again at the next poll.
            return;
        }
        var listed = queue.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var gone = new List<string>();
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, tracked) in state.Tracked)
        {
            if (!listed.TryGetValue(id, out var task)) { gone.Add(id); continue; }
            tracked.SeenAlive = true;
            if (task.IsHeld) held.Add(task.ArrayJob);
            if (task.IsRunning && !tracked.Running)
            {
                tracked.Running = true;
                state.Ledger.Running(tracked.Attempt);
            }
        }
        foreach (var array in held)
        {
            try { await _client.ReleaseAsync(array, cancellationToken).ConfigureAwait(false); }
            catch (SlurmException) { }
        }
        foreach (var group in gone.GroupBy(ArrayOf))
        {
            IReadOnlyList<SlurmJobEnd>? ends;
            try
            {
                ends = await _client.EndsAsync(group.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (SlurmException)
            {
                continue;
            }
            var byId = ends?.ToDictionary(e => e.Id, StringComparer.Ordinal);
            foreach (var id in group)
            {
                var tracked = state.Tracked[id];
                SlurmJobEnd? end = null;
                if (byId is not null && !byId.TryGetValue(id, out end) && ++tracked.Misses < 3) continue;
                if (end is { IsFinal: false }) continue;
                state.Tracked.Remove(id);
                Finish(state, tracked, id, end);
            }
        }
    }

    /// <summary>The folder, invocation and command of an attempt; with <paramref name="create"/>, the folders made and the old result removed.</summary>
    private SlurmJobScript.Task Prepare(RunAttempt attempt, bool create)
    {
        string directory = RunInvocation.DirectoryOf(_options.RunsDirectory, attempt.Run);
        var invocation = new RunInvocation(attempt.Run, attempt.Number, directory, Path.Combine(directory, "result.json"));
        if (create)
        {
            Directory.CreateDirectory(invocation.CheckpointDirectory);
            File.Delete(invocation.ResultPath);
        }
        return new SlurmJobScript.Task(attempt, invocation, _command(invocation));
    }

    private static bool IsTask(string id) => id.IndexOf('_') is var u and > 0 && id[..u].All(char.IsAsciiDigit) && id[(u + 1)..].All(char.IsAsciiDigit) && u < id.Length - 1;

    private static string ArrayOf(string id) => id[..id.IndexOf('_')];

    /// <summary>A task followed until it leaves the queue.</summary>
    private sealed class Tracked(RunAttempt attempt, RunInvocation invocation)
    {
        public RunAttempt Attempt { get; } = attempt;

        public RunInvocation Invocation { get; } = invocation;

        /// <summary>Seen queued or running by this execution (a task cancelled before it was seen was cancelled before this driver started).</summary>
        public bool SeenAlive { get; set; }

        public bool Running { get; set; }

        /// <summary>Polls at which scontrol knew the array but not the task.</summary>
        public int Misses { get; set; }
    }

    /// <summary>The state of one execution.</summary>
    private sealed class Execution(IAttemptLedger ledger, Action<ExecutedRun> ended)
    {
        public IAttemptLedger Ledger { get; } = ledger;

        public Action<ExecutedRun> Ended { get; } = ended;

        public Dictionary<string, Tracked> Tracked { get; } = new(StringComparer.Ordinal);

        public List<RunAttempt> Fresh { get; } = [];

        public List<(PlannedRun Run, DateTimeOffset Due)> Retries { get; } = [];

        /// <summary>Per run: the reasons of its earlier attempts in this execution, their seconds, and how many were made.</summary>
        public Dictionary<string, (List<string> Earlier, double Seconds, int Made)> History { get; } = new(StringComparer.Ordinal);
    }
}
