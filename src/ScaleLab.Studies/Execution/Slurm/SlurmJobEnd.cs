using System.Globalization;

namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>How an array task ended, as <c>scontrol show job</c> (or <c>sacct</c>) tells it.</summary>
/// <param name="Id">The task's address, <c>JOBID_TASKID</c>.</param>
/// <param name="State">Slurm's state: <c>COMPLETED</c>, <c>FAILED</c>, <c>PREEMPTED</c>, <c>TIMEOUT</c>, <c>CANCELLED</c>, <c>NODE_FAIL</c>, <c>OUT_OF_MEMORY</c>, …</param>
/// <param name="ExitCode">The exit code as a shell reports it: the process's own code, or 128 + the signal that killed it.</param>
/// <param name="Seconds">Run time, when known.</param>
public sealed record SlurmJobEnd(string Id, string State, int? ExitCode, double? Seconds)
{
    /// <summary>True when the state is final (the task will not run again by itself).</summary>
    public bool IsFinal => State is not ("PENDING" or "RUNNING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESIZING" or "SUSPENDED" or "COMPLETING"
        or "CONFIGURING" or "STAGE_OUT" or "SIGNALING" or "RESV_DEL_HOLD" or "SPECIAL_EXIT");

    /// <summary>The tasks in <c>scontrol -o show job</c> output (one line per record; a still-pending range of an array is skipped).</summary>
    public static IReadOnlyList<SlurmJobEnd> ParseScontrol(string output)
    {
        var ends = new List<SlurmJobEnd>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq > 0) fields.TryAdd(token[..eq], token[(eq + 1)..]);
            }
            if (!fields.TryGetValue("ArrayJobId", out var array) || !fields.TryGetValue("ArrayTaskId", out var task) || !IsIndex(task)) continue;
            if (!fields.TryGetValue("JobState", out var state)) continue;
            ends.Add(new SlurmJobEnd($"{array}_{task}", state, fields.TryGetValue("ExitCode", out var code) ? Code(code) : null,
                fields.TryGetValue("RunTime", out var run) ? Elapsed(run) : null));
        }
        return ends;
    }

    /// <summary>The tasks in <c>sacct -n -P -X -o JobID,State,ExitCode,ElapsedRaw</c> output.</summary>
    public static IReadOnlyList<SlurmJobEnd> ParseSacct(string output)
    {
        var ends = new List<SlurmJobEnd>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|');
            if (f.Length < 4 || !f[0].Contains('_') || f[0].Contains('[')) continue;
            // sacct writes "CANCELLED by 0": the state is the first word.
            ends.Add(new SlurmJobEnd(f[0], f[1].Split(' ')[0], Code(f[2]),
                double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null));
        }
        return ends;
    }

    private static bool IsIndex(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    // "EXIT:SIGNAL": a task killed by signal s exited "0:s", reported as a shell would, 128 + s.
    private static int? Code(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int exit)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int signal)) return null;
        return signal > 0 ? 128 + signal : exit;
    }

    // RunTime as D-HH:MM:SS or HH:MM:SS.
    private static double? Elapsed(string text)
    {
        int days = 0;
        int dash = text.IndexOf('-');
        if (dash > 0 && int.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days)) text = text[(dash + 1)..];
        return TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var t) ? days * 86400 + t.TotalSeconds : null;
    }
}
