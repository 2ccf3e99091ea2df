using System.Globalization;
using System.Text;

namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>
/// The job script of one submission: an array whose task i runs the i-th run. Each task goes to its
/// run's folder state (working directory, environment), notes the attempt in the run's log, and
/// <c>exec</c>s the command with both outputs appended to that log, so the command is the batch
/// shell itself and receives the warning signal (<c>--signal=B:USR2@90</c>) before the time limit.
/// </summary>
public static class SlurmJobScript
{
    /// <summary>One task of the array.</summary>
    /// <param name="Attempt">The attempt it runs.</param>
    /// <param name="Invocation">Its run folder, result path and attempt number.</param>
    /// <param name="Command">The command to exec.</param>
    public sealed record Task(RunAttempt Attempt, RunInvocation Invocation, RunCommand Command);

    /// <summary>The script's text.</summary>
    /// <param name="tasks">The runs, in array-task order.</param>
    /// <param name="options">The executor's options.</param>
    /// <param name="token">The submission's token, written as the job's comment.</param>
    public static string Write(IReadOnlyList<Task> tasks, SlurmExecutorOptions options, string token)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        var slurm = options.Slurm;
        var s = new StringBuilder();
        s.Append("#!/bin/sh\n");
        Directive(s, "job-name", options.JobName);
        Directive(s, "comment", token);
        Directive(s, "array", string.Create(CultureInfo.InvariantCulture, $"0-{tasks.Count - 1}{(slurm.Parallel is { } p ? $"%{p}" : "")}"));
        Directive(s, "output", Path.Combine(options.RunsDirectory, "slurm", "%A_%a.out"));
        Directive(s, "open-mode", "append");
        // ScaleLab resubmits what is worth another attempt itself, up to its retry limit; Slurm's own requeue would not count.
        s.Append("#SBATCH --no-requeue\n");
        Directive(s, "signal", slurm.Signal);
        Directive(s, "partition", slurm.Partition);
        var time = slurm.Time ?? options.Timeout;
        Directive(s, "time", time is { } t ? SlurmTime(t) : null);
        Directive(s, "gpus", slurm.GpusPerRun > 0 ? slurm.GpusPerRun.ToString(CultureInfo.InvariantCulture) : null);
        Directive(s, "cpus-per-task", slurm.CpusPerRun?.ToString(CultureInfo.InvariantCulture));
        Directive(s, "mem", slurm.Memory);
        Directive(s, "account", slurm.Account);
        Directive(s, "qos", slurm.Qos);
        foreach (var extra in slurm.ExtraOptions) s.Append("#SBATCH ").Append(extra).Append('\n');
        s.Append("# Written by scalelab: array task i runs the i-th run below and execs its command, which then receives Slurm's signals itself.\n");
        foreach (var line in slurm.Setup) s.Append(line).Append('\n');
        s.Append("case \"${SLURM_ARRAY_TASK_ID:-}\" in\n");
        for (int i = 0; i < tasks.Count; i++)
        {
            var (attempt, invocation, command) = tasks[i];
            string log = Path.Combine(invocation.Directory, "run.log");
            s.Append(CultureInfo.InvariantCulture, $"{i})\n");
            s.Append("  cd ").Append(Quote(command.WorkingDirectory ?? invocation.Directory)).Append(" || exit 1\n");
            s.Append(CultureInfo.InvariantCulture,
                $"  printf '# attempt {attempt.Number}, Slurm job %s_%s, restart %s, %s: %s\\n' \"$SLURM_ARRAY_JOB_ID\" \"$SLURM_ARRAY_TASK_ID\" \"${{SLURM_RESTART_COUNT:-0}}\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" {Quote(command.ToString())} >> {Quote(log)}\n");
            s.Append("  exec");
            if (command.Environment.Count > 0)
            {
                s.Append(" env");
                foreach (var (name, value) in command.Environment)
                {
                    s.Append(' ').Append(value is null ? "-u " + Quote(name) : Quote($"{name}={value}"));
                }
            }
            s.Append(' ').Append(Quote(command.FileName));
            foreach (var argument in command.Arguments) s.Append(' ').Append(Quote(argument));
            s.Append(" >> ").Append(Quote(log)).Append(" 2>&1\n  ;;\n");
        }
        s.Append("*)\n  echo \"scalelab: array task ${SLURM_ARRAY_TASK_ID:-?} has no run in this job\" >&2\n  exit 2\n  ;;\nesac\n");
        return s.ToString();
    }

    /// <summary>A word in single quotes for a POSIX shell.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A time limit as <c>--time</c> takes it, rounded up to whole minutes (Slurm's unit).</summary>
    public static string SlurmTime(TimeSpan duration)
    {
        long minutes = Math.Max(1, (long)Math.Ceiling(duration.TotalMinutes - 1e-9));
        long days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60;
        return days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days}-{hours:00}:{rest:00}:00")
            : string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{rest:00}:00");
    }

    private static void Directive(StringBuilder s, string name, string? value)
    {
        if (value is null) return;
        s.Append("#SBATCH --").Append(name).Append('=').Append(value).Append('\n');
    }
}
