using System.CommandLine;
using ScaleLab.Cli;

namespace ScaleLab.Tests.Cli;

/// <summary>Runs the scalelab command line in-process with captured standard output and error.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
