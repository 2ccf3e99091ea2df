namespace ScaleLab.Studies.Execution;

/// <summary>
/// What a process's exit code says. On Unix .NET reports a process killed by signal n as 128 + n,
/// as shells do; on Windows a crash or Ctrl-C ends a process with an NTSTATUS code (negative as an int).
/// </summary>
public static class ProcessExit
{
    /// <summary>STATUS_CONTROL_C_EXIT: a Windows process ended by Ctrl-C.</summary>
    private const int WindowsControlC = unchecked((int)0xC000013A);

    /// <summary>True when the code means the process was killed (by a signal or an NTSTATUS error), not that it exited by itself.</summary>
    public static bool IsSignal(int exitCode) => OperatingSystem.IsWindows() ? exitCode < 0 : exitCode is > 128 and < 160;

    /// <summary>True when the code is that of an interrupt from the terminal (SIGINT, SIGTERM, Ctrl-C).</summary>
    public static bool IsInterrupt(int exitCode) => OperatingSystem.IsWindows() ? exitCode == WindowsControlC : exitCode is 130 or 143;

    /// <summary>The exit code in words, e.g. <c>exit code 137 (signal 9, SIGKILL)</c>.</summary>
    public static string Describe(int exitCode)
    {
        if (OperatingSystem.IsWindows()) return exitCode < 0 ? $"exit code 0x{exitCode:X8}" : $"exit code {exitCode}";
        if (!IsSignal(exitCode)) return $"exit code {exitCode}";
        int signal = exitCode - 128;
        string name = signal switch
        {
            1 => "SIGHUP", 2 => "SIGINT", 3 => "SIGQUIT", 4 => "SIGILL", 6 => "SIGABRT", 7 => "SIGBUS", 8 => "SIGFPE", 9 => "SIGKILL",
            11 => "SIGSEGV", 13 => "SIGPIPE", 14 => "SIGALRM", 15 => "SIGTERM", 24 => "SIGXCPU", 25 => "SIGXFSZ",
            _ => "",
        };
        return name.Length > 0 ? $"exit code {exitCode} (signal {signal}, {name})" : $"exit code {exitCode} (signal {signal})";
    }
}
