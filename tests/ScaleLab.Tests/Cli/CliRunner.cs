using System.CommandLine;
using System.Text;
using ScaleLab.Cli;

namespace ScaleLab.Tests.Cli;

/// <summary>Runs the scalelab command line in-process with captured standard output and error (and, when given, standard input).</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Error) Run(params string[] args) => RunWithInput((byte[]?)null, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (UTF-8), for commands reading <c>-</c>.</summary>
    public static (int Code, string Out, string Error) RunWithInput(string? input, params string[] args) =>
        RunWithInput(input is null ? null : Encoding.UTF8.GetBytes(input), args);

    public static (int Code, string Out, string Error) RunWithInput(byte[]? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var configuration = new CliInvocation
        {
            Output = output,
            Error = error,
            StandardInput = input is null ? () => new MemoryStream() : () => new MemoryStream(input, writable: false),
        };
        int code = Program.Run(args, configuration);
        return (code, output.ToString(), error.ToString());
    }
}
