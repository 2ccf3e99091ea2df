using System.CommandLine;
using ScaleLab.Studies.Execution.Slurm;
using ScaleLab.Sweeps.Definition;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>The options of <c>sweep run</c>: where, how (local or Slurm, and what a cluster needs), and the driver's own settings.</summary>
internal sealed class SweepRunOptions
{
    public Argument<string> File { get; } = new("file") { Description = "the sweep file (TOML)" };
    public Option<string> Store { get; } = StoreOption.Create();
    public Option<string> Executor { get; } = new("--executor") { Description = "local (processes on this machine) or slurm (array jobs)", DefaultValueFactory = _ => "local" };
    public Option<int?> Workers { get; } = new("--workers") { Description = "local processes at once (default: the file's, else one per core)" };
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition" };
    public Option<int?> Gpus { get; } = new("--gpus-per-run") { Description = "GPUs per run (Slurm)" };
    public Option<int?> Cpus { get; } = new("--cpus-per-run") { Description = "CPUs per run (Slurm)" };
    public Option<string?> Time { get; } = new("--time") { Description = "time limit of each Slurm task, e.g. 02:00:00" };
    public Option<string?> Account { get; } = new("--account") { Description = "Slurm account" };
    public Option<string?> Qos { get; } = new("--qos") { Description = "Slurm QOS" };
    public Option<string?> Memory { get; } = new("--mem") { Description = "memory per run (Slurm), e.g. 32G" };
    public Option<int?> Parallel { get; } = new("--parallel") { Description = "array tasks of one submission running at once (--array=0-N%P)" };
    public Option<string?> Poll { get; } = new("--poll") { Description = "how often Slurm's queue is read (default: the file's, else 10s)" };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "print the runs (and the Slurm job script) without running anything" };
    public Option<bool> Json { get; } = new("--json") { Description = "print the result as JSON (schema scalelab.sweep-run/1)" };
    public Option<string?> RunsDirectory { get; } = new("--runs-dir") { Description = "folder of the run folders (logs, results, checkpoints; default NAME.runs beside the file); on Slurm, one the nodes share" };
    public Option<string?> Worker { get; } = new("--worker") { Description = "run another driver beside this one on the same sweep and machine, under this name" };
    public Option<string> Lease { get; } = new("--lease") { Description = "how long a claim on a run lasts unless renewed: how soon another driver takes over from one that died", DefaultValueFactory = _ => "10m" };
    public Option<bool> NoRefit { get; } = new("--no-refit") { Description = "fit only at the end, not as results arrive" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        foreach (var option in new Option[] { Store, Executor, Workers, Partition, Gpus, Cpus, Time, Account, Qos, Memory, Parallel, Poll, DryRun, Json, RunsDirectory, Worker, Lease, NoRefit })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The sweep with the command line's overrides applied; null with the problem when one is malformed.</summary>
    public SweepDefinition? Apply(ParseResult parse, SweepDefinition definition, out string problem)
    {
        problem = "";
        if (parse.GetValue(Executor) is not ("local" or "slurm")) { problem = $"--executor: '{parse.GetValue(Executor)}' is not local or slurm"; return null; }
        if (parse.GetValue(Workers) is < 1) { problem = "--workers must be at least 1"; return null; }
        if (parse.GetValue(Gpus) is < 0) { problem = "--gpus-per-run must be 0 or more"; return null; }
        if (parse.GetValue(Cpus) is < 1) { problem = "--cpus-per-run must be at least 1"; return null; }
        if (parse.GetValue(Parallel) is < 1) { problem = "--parallel must be at least 1"; return null; }
        TimeSpan? time = null, poll = null;
        if (parse.GetValue(Time) is { } t && !Duration(t, "--time", out time, out problem)) return null;
        if (parse.GetValue(Poll) is { } p && !Duration(p, "--poll", out poll, out problem)) return null;
        if (!Duration(parse.GetValue(Lease)!, "--lease", out _, out problem)) return null;
        var slurm = definition.Slurm;
        slurm = slurm with
        {
            Partition = parse.GetValue(Partition) ?? slurm.Partition,
            GpusPerRun = parse.GetValue(Gpus) ?? slurm.GpusPerRun,
            CpusPerRun = parse.GetValue(Cpus) ?? slurm.CpusPerRun,
            Time = time ?? slurm.Time,
            Account = parse.GetValue(Account) ?? slurm.Account,
            Qos = parse.GetValue(Qos) ?? slurm.Qos,
            Memory = parse.GetValue(Memory) ?? slurm.Memory,
            Parallel = parse.GetValue(Parallel) ?? slurm.Parallel,
            PollInterval = poll ?? slurm.PollInterval,
        };
        return definition with { Slurm = slurm, Workers = parse.GetValue(Workers) ?? definition.Workers };
    }

    public TimeSpan LeaseOf(ParseResult parse) => Durations.TryParse(parse.GetValue(Lease)!, out var lease) ? lease : TimeSpan.FromMinutes(10);

    private static bool Duration(string text, string option, out TimeSpan? value, out string problem)
    {
        value = null;
        problem = "";
        if (Durations.TryParse(text, out var d) && d > TimeSpan.Zero)
        {
            value = d;
            return true;
        }
        problem = $"{option}: '{text}' is not {Durations.Forms}";
        return false;
    }
}
