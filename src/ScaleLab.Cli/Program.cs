using System.CommandLine;
using ScaleLab.Cli.Commands;
using ScaleLab.Cli.Commands.Sweeps;

namespace ScaleLab.Cli;

/// <summary>Entry point of the <c>scalelab</c> command. Each subcommand lives in its own file under Commands/.</summary>
public static class Program
{
    /// <summary>Exit code for bad input (file, row and column named on stderr).</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => Run(args);

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line the parser rejects (an unknown or misspelt
    /// option, a missing argument, a value of the wrong type) is bad input like any other: its errors
    /// are printed as the parser words them, and the exit code is <see cref="BadInput"/>.
    /// </summary>
    /// <remarks>
    /// Standard output is written through <see cref="GuardedOutput"/>: when it fails (a full disk, a closed pipe) the
    /// command stops, one error line goes to standard error and the exit code is <see cref="BadInput"/>. Other exceptions
    /// are reported as the parser's default handler reports them (exit code 1).
    /// </remarks>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = BuildRoot(args.Length > 0 ? args[0] : null).Parse(args);
        configuration ??= new InvocationConfiguration();
        if (configuration.Output is not GuardedOutput) configuration.Output = new GuardedOutput(configuration.Output);
        configuration.EnableDefaultExceptionHandler = false;
        int code;
        try
        {
            code = parse.Invoke(configuration);
            configuration.Output.Flush();
        }
        catch (StandardOutputException ex)
        {
            configuration.Error.WriteLine("error: " + ex.Message);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
        catch (Exception ex)
        {
            configuration.Error.WriteLine("Unhandled exception: " + ex);
            return 1;
        }
        return parse.Errors.Count > 0 && code == 1 ? BadInput : code;
    }

    // Every subcommand by name, in the order of the help text.
    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("fit", FitCommand.Create),
        ("plot", PlotCommand.Create),
        ("report", ReportCommand.Create),
        ("predict", PredictCommand.Create),
        ("demo", DemoCommand.Create),
        ("flops", FlopsCommand.Create),
        ("plan", PlanCommand.Create),
        ("isoflop", IsoFlopCommand.Create),
        ("envelope", EnvelopeCommand.Create),
        ("approaches", ApproachesCommand.Create),
        ("compare", CompareCommand.Create),
        ("simulate-coverage", SimulateCoverageCommand.Create),
        ("suggest", SuggestCommand.Create),
        ("simulate-design", SimulateDesignCommand.Create),
        ("experiment", ExperimentCommand.Create),
        ("runs", RunsCommand.Create),
        ("laws", LawsCommand.Create),
        ("pass-at-k", PassAtKCommand.Create),
        ("store", StoreCommand.Create),
        ("train", TrainCommand.Create),
        ("sweep", SweepCommand.Create),
    ];

    /// <summary>The root command with every subcommand registered.</summary>
    public static RootCommand BuildRoot() => BuildRoot(null);

    /// <summary>
    /// The root command for a command line whose first argument is <paramref name="first"/>. When that names a
    /// subcommand, only that subcommand is built: parsing and running a subcommand never look at its siblings,
    /// and building all of them (their options, defaults and the assemblies they load) is a good part of the
    /// start-up of a short <c>scalelab fit</c>. Otherwise (help, version, directives, typos) every one is built.
    /// </summary>
    internal static RootCommand BuildRoot(string? first)
    {
        var root = new RootCommand("ScaleLab: fit, predict and plan with neural scaling laws.");
        foreach (var (name, create) in Subcommands)
        {
            if (name == first)
            {
                root.Subcommands.Add(create());
                return root;
            }
        }
        foreach (var (_, create) in Subcommands) root.Subcommands.Add(create());
        return root;
    }
}
