using System.Diagnostics;

namespace ScaleLab.Tests.Support;

/// <summary>
/// The scalelab command as a real process, run from its own build output (the copy in the test
/// folder lacks the native libraries laid out for its runtime identifier).
/// </summary>
internal static class CliProcess
{
    /// <summary>A start description of <c>scalelab</c> with <paramref name="arguments"/>, output redirected; skips the test when the build output is missing.</summary>
    public static ProcessStartInfo Start(params string[] arguments)
    {
        var dll = Find();
        Skip.If(dll is null, "the ScaleLab.Cli build output was not found next to the tests");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(dll!);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    private static string? Find()
    {
        // tests/ScaleLab.Tests/bin/<configuration>/<framework>/ → the repository root is five levels up.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name, configuration = here.Parent!.Name;
        var root = here.Parent?.Parent?.Parent?.Parent?.Parent;
        if (root is null) return null;
        var output = new DirectoryInfo(Path.Combine(root.FullName, "src", "ScaleLab.Cli", "bin", configuration, framework));
        return output.Exists
            ? output.EnumerateFiles("ScaleLab.Cli.dll", SearchOption.AllDirectories).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName
            : null;
    }
}
