using ScaleLab.Studies;
using ScaleLab.Studies.Execution;

namespace ScaleLab.Tests.Support;

/// <summary>
/// Small real commands for the process executor: a POSIX shell script per run, with the run's size,
/// its folder and its attempt number in the environment, so a test can make a run succeed, fail,
/// crash, hang or spawn children, and count its attempts in a file of its folder.
/// </summary>
public static class ShellRuns
{
    /// <summary>Skip reason where no POSIX shell is at hand.</summary>
    public const string NoShell = "the process-executor tests drive /bin/sh, which this machine does not have";

    /// <summary>True when /bin/sh exists.</summary>
    public static bool Available => !OperatingSystem.IsWindows() && File.Exists("/bin/sh");

    /// <summary>A shell command printing the result document of a run of size <paramref name="size"/> (D = size, loss 3·size^−0.5).</summary>
    public static string PrintResult(string size = "$SIZE") =>
        "printf '{\"metric\":\"loss\",\"metrics\":{\"loss\":%s},\"parameters\":1000,\"tokens\":%s}\\n' "
        + $"\"$(awk -v s=\"{size}\" 'BEGIN {{ printf \"%.10g\", 3 / sqrt(s) }}')\" \"{size}\"";

    /// <summary>The command factory: <c>/bin/sh -c SCRIPT</c> with SIZE, RUN_DIR, RESULT and ATTEMPT set.</summary>
    public static Func<RunInvocation, RunCommand> Script(Func<PlannedRun, string> script) => invocation => new RunCommand("/bin/sh", ["-c", script(invocation.Run)])
    {
        Environment = new Dictionary<string, string?>
        {
            ["SIZE"] = ((ToySpec)invocation.Run.Specification).Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RUN_DIR"] = invocation.Directory,
            ["RESULT"] = invocation.ResultPath,
            ["ATTEMPT"] = invocation.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>True when a process with this id is running (not merely a zombie waiting to be reaped).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            // Field 3, after the parenthesised command name, is the state; Z is a zombie, X dead.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
