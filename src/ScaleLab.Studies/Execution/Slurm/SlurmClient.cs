using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace ScaleLab.Studies.Execution.Slurm;

/// <summary>
/// Slurm's commands as a driver uses them: <c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>, <c>scancel</c>
/// and, where an accounting database answers, <c>sacct</c>. Each call is a process; the calls are
/// counted by command, which is how the cost of polling is measured.
/// </summary>
public sealed class SlurmClient
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);
    private readonly string? _bin;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private bool? _accounting;

    /// <summary>A client of the cluster the environment names (<c>SLURM_CONF</c>, or the host's configuration).</summary>
    /// <param name="bin">The folder of the Slurm commands; null = found on PATH.</param>
    public SlurmClient(string? bin = null) => _bin = bin;

    /// <summary>Calls made so far, by command.</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>Submits <paramref name="script"/> held (<c>sbatch --parsable --hold</c>); returns the job id.</summary>
    /// <exception cref="SlurmException">sbatch refused the job.</exception>
    public async Task<string> SubmitHeldAsync(string script, CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync("sbatch", ["--parsable", "--hold", script], cancellationToken).ConfigureAwait(false);
        var id = output.Trim().Split(';')[0];
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new SlurmException($"sbatch {script} failed: {Text(error, output)}");
        return id;
    }

    /// <summary>Releases a held job (every task of an array).</summary>
    public async Task ReleaseAsync(string jobId, CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync("scontrol", ["release", jobId], cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new SlurmException($"scontrol release {jobId} failed: {Text(error, output)}");
    }

    /// <summary>Every queued or running task of the jobs named <paramref name="jobName"/>: one <c>squeue</c> call, whatever their number.</summary>
    /// <exception cref="SlurmException">squeue failed (the controller did not answer): nothing can be concluded about the tasks.</exception>
    public async Task<IReadOnlyList<SlurmTask>> QueueAsync(string jobName, CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync("squeue", ["-h", "-r", "--name=" + jobName, "-o", SlurmTask.Format], cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new SlurmException($"squeue failed: {Text(error, output)}");
        return SlurmTask.Parse(output);
    }

    /// <summary>
    /// How the tasks of array job <paramref name="arrayJob"/> stand: <c>scontrol show job</c>, which keeps ended
    /// tasks for the cluster's MinJobAge, else <c>sacct</c> where accounting works; null when neither knows the job.
    /// </summary>
    /// <exception cref="SlurmException">scontrol failed otherwise than by not knowing the job.</exception>
    public async Task<IReadOnlyList<SlurmJobEnd>?> EndsAsync(string arrayJob, CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync("scontrol", ["-o", "show", "job", arrayJob], cancellationToken).ConfigureAwait(false);
        if (code == 0) return SlurmJobEnd.ParseScontrol(output);
        if (!(error + output).Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) throw new SlurmException($"scontrol show job {arrayJob} failed: {Text(error, output)}");
        if (_accounting == false) return null;
        var (sacct, accounted, _) = await RunAsync("sacct", ["-n", "-P", "-X", "-j", arrayJob, "-o", "JobID,State,ExitCode,ElapsedRaw"], cancellationToken).ConfigureAwait(false);
        _accounting = sacct == 0;
        return sacct == 0 ? SlurmJobEnd.ParseSacct(accounted) : null;
    }

    /// <summary>Cancels jobs or tasks (<c>scancel</c>), e.g. <c>12</c> or <c>12_3</c>; with <paramref name="jobName"/>, every job of that name too.</summary>
    public async Task CancelAsync(IReadOnlyCollection<string> ids, string? jobName, CancellationToken cancellationToken)
    {
        var arguments = new List<string>();
        if (jobName is not null) arguments.Add("--name=" + jobName);
        arguments.AddRange(ids);
        if (arguments.Count == 0) return;
        var (code, output, error) = await RunAsync("scancel", arguments, cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new SlurmException($"scancel failed: {Text(error, output)}");
    }

    /// <summary>The cluster's MaxArraySize (array task ids run from 0 to one less); 1001, Slurm's default, when it is not reported.</summary>
    public async Task<int> MaxArraySizeAsync(CancellationToken cancellationToken)
    {
        var (code, output, _) = await RunAsync("scontrol", ["show", "config"], cancellationToken).ConfigureAwait(false);
        if (code == 0)
        {
            foreach (var line in output.Split('\n'))
            {
                var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0] == "MaxArraySize" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int size)) return size;
            }
        }
        return 1001;
    }

    /// <summary>Runs one Slurm command; its exit code and both outputs.</summary>
    /// <exception cref="SlurmException">The command cannot be started or did not end within two minutes.</exception>
    public async Task<(int Code, string Output, string Error)> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(command, 1, (_, n) => n + 1);
        var info = new ProcessStartInfo(_bin is null ? command : Path.Combine(_bin, command))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, CreateNoWindow = true,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw new SlurmException($"{command} cannot be started ({e.Message}): is Slurm installed and on PATH?", e);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CallTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            cancellationToken.ThrowIfCancellationRequested();
            throw new SlurmException($"{command} did not answer within {CallTimeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static string Text(string error, string output)
    {
        var text = (error.Trim().Length > 0 ? error : output).Trim().ReplaceLineEndings(" ");
        return text.Length == 0 ? "no message" : text;
    }
}
