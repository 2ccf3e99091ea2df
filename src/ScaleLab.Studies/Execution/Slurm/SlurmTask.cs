namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>One array task as <c>squeue</c> lists it.</summary>
/// <param name="Id">The task's address, <c>JOBID_TASKID</c>.</param>
/// <param name="ArrayJob">The array's job id.</param>
/// <param name="State">Slurm's state, e.g. <c>PENDING</c>, <c>RUNNING</c>.</param>
/// <param name="Reason">Why it waits, e.g. <c>JobHeldUser</c>, <c>Priority</c>; <c>None</c> when it runs.</param>
/// <param name="Comment">The submission's comment (ScaleLab writes its submission token there).</param>
public sealed record SlurmTask(string Id, string ArrayJob, string State, string Reason, string Comment)
{
    /// <summary>The <c>squeue -o</c> format this record is read from.</summary>
    public const string Format = "%i|%T|%r|%k";

    /// <summary>True while the task runs (or is being started or stopped on a node).</summary>
    public bool IsRunning => State is "RUNNING" or "COMPLETING" or "CONFIGURING" or "STAGE_OUT" or "SIGNALING" or "SUSPENDED";

    /// <summary>True when the task waits on a hold (ScaleLab submits held and releases once every task is recorded).</summary>
    public bool IsHeld => State == "PENDING" && Reason is "JobHeldUser" or "JobHeldAdmin";

    /// <summary>The tasks of <c>squeue -h -r -o "%i|%T|%r|%k"</c> output; lines that are not tasks of an array are skipped.</summary>
    public static IReadOnlyList<SlurmTask> Parse(string output)
    {
        var tasks = new List<SlurmTask>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|');
            if (f.Length < 4) continue;
            int underscore = f[0].IndexOf('_');
            // A pending array that squeue did not expand reads "12_[3-9]"; -r expands it, but such a line names no single task.
            if (underscore <= 0 || f[0].Contains('[')) continue;
            tasks.Add(new SlurmTask(f[0], f[0][..underscore], f[1], f[2], string.Join('|', f[3..])));
        }
        return tasks;
    }
}
