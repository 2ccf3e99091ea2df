using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScaleLab.Tests.Support;

/// <summary>
/// A real single-node Slurm cluster for the test collection: munged with its own key, slurmctld and
/// slurmd on free local ports, state, spool, logs and configuration in a temp folder (no accounting
/// database, so ended tasks are read with <c>scontrol show job</c>). <c>SLURM_CONF</c> is set for this
/// process, so the Slurm commands the tests start (through <c>scalelab</c>) talk to this cluster. The
/// daemons run as root, as munged and slurmd need; they are stopped and the folder removed at the
/// end. Without root or the binaries, <see cref="Unavailable"/> says why and the tests skip.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private static readonly string[] Daemons = ["munged", "slurmctld", "slurmd"];
    private readonly string _root;
    private readonly string? _previousConf = Environment.GetEnvironmentVariable("SLURM_CONF");

    public SlurmCluster()
    {
        _root = Path.Combine("/tmp", $"scalelab-slurm-{Guid.NewGuid():N}"[..27]);
        if (!OperatingSystem.IsLinux()) { Unavailable = "a test Slurm cluster is started on Linux only"; return; }
        if (Environment.UserName != "root") { Unavailable = "munged and slurmd of the test cluster must be started as root"; return; }
        var missing = Daemons.Concat(["sbatch", "squeue", "scontrol", "scancel", "sinfo"]).Where(b => Find(b) is null).ToArray();
        if (missing.Length > 0) { Unavailable = $"Slurm/munge binaries not found: {string.Join(", ", missing)} (apt-get install slurm-wlm munge)"; return; }
        try
        {
            if (!OperatingSystem.IsWindows()) Start();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            Unavailable = $"the test Slurm cluster did not start: {e.Message}";
            Stop();
        }
    }

    /// <summary>Why there is no cluster, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The cluster's slurm.conf.</summary>
    public string Configuration => Path.Combine(_root, "slurm.conf");

    /// <summary>Skips the calling test when there is no cluster.</summary>
    public void Require() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>Runs a Slurm command against the cluster; returns its standard output (throws when it fails).</summary>
    public static string Command(string program, params string[] arguments) => Run(Find(program) ?? program, arguments);

    public void Dispose()
    {
        if (Unavailable is null)
        {
            try { Command("scancel", "--full", "--user=root"); } catch (InvalidOperationException) { }
        }
        Stop();
        Environment.SetEnvironmentVariable("SLURM_CONF", _previousConf);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void Start()
    {
        Directory.CreateDirectory(_root);
        // munged refuses a socket whose every parent folder is not world-executable.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        foreach (var folder in new[] { "state", "spool" }) Directory.CreateDirectory(Path.Combine(_root, folder));
        string key = Path.Combine(_root, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        string socket = Path.Combine(_root, "munge.sock");
        Run(Find("munged")!, [$"--key-file={key}", $"--socket={socket}", $"--pid-file={Pid("munged")}", $"--log-file={Path.Combine(_root, "munged.log")}",
            $"--seed-file={Path.Combine(_root, "munge.seed")}", "--force"]);

        string host = Run("hostname", ["-s"]).Trim();
        // Scheduling every 2 s starts array tasks within seconds; cred_expire=10 lets a requeued task run again after 11 s, not 121 s.
        File.WriteAllText(Configuration, $"""
            ClusterName=scalelabtest
            SlurmctldHost={host}(127.0.0.1)
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={socket},cred_expire=10
            StateSaveLocation={Path.Combine(_root, "state")}
            SlurmdSpoolDir={Path.Combine(_root, "spool")}
            SlurmctldPidFile={Pid("slurmctld")}
            SlurmdPidFile={Pid("slurmd")}
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmctldLogFile={Path.Combine(_root, "slurmctld.log")}
            SlurmdLogFile={Path.Combine(_root, "slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            SchedulerParameters=batch_sched_delay=0,sched_interval=2,bf_interval=2
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            MinJobAge=600
            ReturnToService=2
            MpiDefault=none
            NodeName={host} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
            PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        Environment.SetEnvironmentVariable("SLURM_CONF", Configuration);
        Run(Find("slurmctld")!, ["-i"]);
        Run(Find("slurmd")!, []);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            string state;
            try { state = Command("sinfo", "-h", "-o", "%T").Trim(); }
            catch (InvalidOperationException) { state = ""; }
            if (state == "idle") return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the node is '{state}' after 30 s (logs in {_root})");
            Thread.Sleep(200);
        }
    }

    private void Stop()
    {
        foreach (var daemon in Daemons.Reverse())
        {
            var file = Pid(daemon);
            if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), out int pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Pid(string daemon) => Path.Combine(_root, daemon + ".pid");

    private static string? Find(string program)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/bin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} timed out");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}".Trim());
        return output.Result;
    }
}
