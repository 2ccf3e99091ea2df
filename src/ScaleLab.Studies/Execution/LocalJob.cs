using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace ScaleLab.Studies.Execution;

/// <summary>
/// The job id of an attempt run as a local process, <c>local:HOST:PID:START</c> (START: the process's
/// start time in ticks, so a recycled process id is not mistaken for it), and what a restarted driver
/// does with one: the process lost its driver (and with it the pipes of its output), so it is
/// stopped, whole tree, and the run is attempted again.
/// </summary>
public static class LocalJob
{
    private const string Prefix = "local:";

    /// <summary>The job id of <paramref name="process"/>, which has started.</summary>
    public static string Id(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        long start;
        try { start = process.StartTime.ToUniversalTime().Ticks; }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException) { start = 0; }
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.MachineName}:{process.Id}:{start}");
    }

    /// <summary>True when <paramref name="jobId"/> names a local process (of any host).</summary>
    public static bool Is(string jobId) => jobId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Kills the process tree <paramref name="jobId"/> names when it runs on this host and is still the
    /// same process; true when there was one to kill.
    /// </summary>
    public static bool Stop(string jobId)
    {
        var parts = jobId.Split(':');
        if (parts.Length != 4 || parts[0] + ":" != Prefix || parts[1] != Environment.MachineName) return false;
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out long start)) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (start != 0 && process.StartTime.ToUniversalTime().Ticks != start) return false;
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException or AggregateException)
        {
            return false;
        }
    }
}
