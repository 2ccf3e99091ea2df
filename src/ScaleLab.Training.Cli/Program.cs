using System.CommandLine;
using ScaleLab.Experiments;

namespace ScaleLab.Training.Cli;

/// <summary>
/// Entry point of <c>scalelab-train</c>: one subcommand per built-in experiment (named as in
/// <c>scalelab experiment</c>, or by its run kind) that trains one run and writes its result
/// document, and <c>check</c>, which says whether libtorch loads here. Exit codes: 0 trained,
/// 1 training failed, 2 bad input, 3 libtorch cannot be loaded, 130 cancelled.
/// </summary>
public static class Program
{
    /// <summary>Exit code for bad input (one line on standard error).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when training was cancelled (Ctrl-C, SIGTERM).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse is bad input.</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var root = new RootCommand("scalelab-train: train one built-in scaling-experiment run with TorchSharp and write its result (schema scalelab.result/1)");
        foreach (var experiment in BuiltInExperiments.All) root.Subcommands.Add(TrainCommand.Create(experiment));
        root.Subcommands.Add(CheckCommand.Create());
        var parse = root.Parse(args);
        int code = configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        return parse.Errors.Count > 0 && code == 1 ? BadInput : code;
    }
}
