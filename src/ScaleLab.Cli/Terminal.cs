using System.CommandLine;
using Spectre.Console;

namespace ScaleLab.Cli;

/// <summary>
/// The console a command writes to: the invocation's output writer wrapped for Spectre.Console, with
/// colour, ANSI codes, Unicode borders and interactivity switched off when the output is not a
/// terminal, when <c>CI=true</c> or when <c>NO_COLOR</c> is set (Spectre reads neither variable).
/// </summary>
internal static class Terminal
{
    /// <summary>A console over the invocation's standard output.</summary>
    public static IAnsiConsole For(ParseResult parse) => Create(parse.InvocationConfiguration.Output);

    /// <summary>Standard input of the invocation: the stream a test hands in (<see cref="CliInvocation"/>), else the process's.</summary>
    public static Stream StandardInput(ParseResult parse) =>
        parse.InvocationConfiguration is CliInvocation { StandardInput: { } input } ? input() : Console.OpenStandardInput();

    /// <summary>A console over <paramref name="writer"/>.</summary>
    public static IAnsiConsole Create(TextWriter writer)
    {
        bool plain = IsPlain(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (plain)
        {
            console.Profile.Capabilities.Unicode = false;
            console.Profile.Width = 240;
        }
        return console;
    }

    /// <summary>Rounded box-drawing borders on a terminal, plain ASCII when the output is captured.</summary>
    public static TableBorder Border(IAnsiConsole console) => console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii;

    /// <summary>True when the output is redirected or captured, or the environment asks for plain text.</summary>
    public static bool IsPlain(TextWriter writer)
    {
        if (IsSet("CI") || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 }) return true;
        if (!ReferenceEquals(writer is GuardedOutput guarded ? guarded.Inner : writer, Console.Out)) return true;
        return Console.IsOutputRedirected;
    }

    private static bool IsSet(string name) =>
        Environment.GetEnvironmentVariable(name) is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>
    /// Runs <paramref name="work"/> with a transient progress bar on an interactive terminal, and
    /// without one (a null progress) when the output is captured.
    /// </summary>
    public static T WithProgress<T>(IAnsiConsole console, string description, Func<IProgress<double>?, T> work)
    {
        if (!console.Profile.Capabilities.Interactive) return work(null);
        T result = default!;
        console.Progress().AutoClear(true).HideCompleted(true).Start(context =>
        {
            var task = context.AddTask(description, maxValue: 1);
            result = work(new TaskProgress(task));
        });
        return result;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
