using System.CommandLine;

namespace ScaleLab.Cli;

/// <summary>The invocation's streams, standard input included, so that a command reading <c>-</c> can be run in process.</summary>
public sealed class CliInvocation : InvocationConfiguration
{
    /// <summary>Opens standard input; null: the process's.</summary>
    public Func<Stream>? StandardInput { get; init; }
}
