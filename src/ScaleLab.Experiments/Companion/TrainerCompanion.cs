using System.ComponentModel;
using System.Diagnostics;
using ScaleLab.Studies.Execution;

namespace ScaleLab.Experiments.Companion;

/// <summary>
/// The training companion <c>scalelab-train</c>: the small platform-specific program that holds
/// the TorchSharp trainers and runs one built-in run as a plain command
/// (<c>scalelab-train KIND --spec FILE --out FILE</c>, result in <see cref="ResultDocument"/> form),
/// so that <c>scalelab</c> itself stays platform-neutral. <see cref="Locate(string?, out string)"/> finds it.
/// </summary>
public sealed class TrainerCompanion
{
    /// <summary>The companion's command name.</summary>
    public const string CommandName = "scalelab-train";

    /// <summary>The environment variable that names the companion explicitly.</summary>
    public const string EnvironmentVariable = "SCALELAB_TRAINER";

    /// <summary>The companion's exit code when libtorch cannot be loaded on this machine.</summary>
    public const int TorchUnavailable = 3;

    /// <summary>How to get the companion, for messages that say it is missing.</summary>
    public const string HowToGet =
        "build it with `dotnet publish src/ScaleLab.Training.Cli -c Release -o DIR` (linux-x64, osx-arm64 or win-x64) and pass --trainer DIR/" + CommandName +
        ", set " + EnvironmentVariable + ", or put DIR on PATH";

    private TrainerCompanion(string path) => Path = path;

    /// <summary>The companion's executable, or its <c>.dll</c> (run with <c>dotnet</c>).</summary>
    public string Path { get; }

    /// <summary>The companion at <paramref name="path"/> (an executable or a <c>.dll</c>); null when there is no such file.</summary>
    public static TrainerCompanion? At(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full)) return new TrainerCompanion(full);
        // A directory given for the program: the companion inside it.
        return Directory.Exists(full) ? Candidates(full).Select(At).FirstOrDefault(c => c is not null) : null;
    }

    /// <summary>
    /// Finds the companion: the explicit <paramref name="option"/> (a path), else the
    /// <see cref="EnvironmentVariable"/>, else next to the running program, else on PATH, else (for
    /// <c>dotnet run</c> from a clone) in the repository's own build output. An explicit path that
    /// names no file is an error rather than a reason to look elsewhere.
    /// </summary>
    /// <returns>The companion, or null with the reason in <paramref name="problem"/>.</returns>
    public static TrainerCompanion? Locate(string? option, out string problem) =>
        Locate(option, CompanionSearch.FromEnvironment(), out problem);

    /// <summary><see cref="Locate(string?, out string)"/> over the given places (tests give their own).</summary>
    public static TrainerCompanion? Locate(string? option, CompanionSearch search, out string problem)
    {
        ArgumentNullException.ThrowIfNull(search);
        problem = "";
        if (!string.IsNullOrWhiteSpace(option))
        {
            if (At(option) is { } given) return given;
            problem = $"--trainer {option}: no such file";
            return null;
        }
        if (search.Variable is { Length: > 0 } variable)
        {
            if (At(variable) is { } named) return named;
            problem = $"{EnvironmentVariable}={variable}: no such file";
            return null;
        }
        var places = new List<string>();
        if (search.ProgramDirectory is { } beside) places.Add(beside);
        if (search.LauncherDirectory is { } launcher) places.Add(launcher);
        places.AddRange(search.PathDirectories);
        foreach (var place in places)
        {
            foreach (var candidate in Candidates(place))
            {
                if (File.Exists(candidate)) return new TrainerCompanion(candidate);
            }
        }
        if (search.RepositoryBuildDirectories().Select(At).FirstOrDefault(c => c is not null) is { } built) return built;
        problem = $"the training companion {CommandName} was not found (looked at --trainer, {EnvironmentVariable}, next to scalelab, on PATH and in this repository's build output): {HowToGet}";
        return null;
    }

    /// <summary>The command that runs the companion with <paramref name="arguments"/>.</summary>
    public RunCommand Command(IEnumerable<string> arguments) =>
        Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new RunCommand(DotnetHost(), [Path, .. arguments])
            : new RunCommand(Path, [.. arguments]);

    /// <summary>
    /// The command of one attempt at a built-in run: writes the run's complete specification to
    /// <c>spec.json</c> in the run's folder and asks for the result at <see cref="RunInvocation.ResultPath"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The run is of no built-in kind.</exception>
    public RunCommand CommandFor(RunInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var run = invocation.Run;
        if (BuiltInExperiments.Find(run.Kind) is null) throw new ArgumentException($"run kind '{run.Kind}' is no built-in experiment", nameof(invocation));
        var spec = System.IO.Path.Combine(invocation.Directory, "spec.json");
        // Every field written out: the store's canonical form leaves defaults out, which the record's own defaults would then replace.
        File.WriteAllText(spec, TrainingJson.Serialize(run.Specification));
        return Command([run.Kind, "--spec", spec, "--out", invocation.ResultPath]);
    }

    /// <summary>
    /// Runs <c>scalelab-train check</c> (libtorch loads, the experiments are known): null when the
    /// companion works here, else what is wrong in one line. A study checks once rather than failing
    /// every run the same way.
    /// </summary>
    public async Task<string?> CheckAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = await RunAsync(["check"], output, error, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return $"{Path}: cannot be started ({e.Message}); {HowToGet}";
        }
        catch (TimeoutException)
        {
            return $"{Path} check did not answer within {timeout.TotalSeconds:G3} s";
        }
        if (code == 0) return null;
        string said = error.ToString().Trim().ReplaceLineEndings(" ");
        if (said.StartsWith("error: ", StringComparison.Ordinal)) said = said["error: ".Length..];
        if (said.Length > 500) said = said[..500] + "…";
        return code == TorchUnavailable ? $"{Path}: {said}" : $"{Path} check failed ({ProcessExit.Describe(code)}){(said.Length > 0 ? ": " + said : "")}";
    }

    /// <summary>
    /// Runs the companion with <paramref name="arguments"/>, its standard input this process's and
    /// its output lines copied to <paramref name="output"/> and <paramref name="error"/> as they come;
    /// returns its exit code. On cancellation the companion gets a moment to stop by itself (Ctrl-C
    /// reaches it too, and it then exits with 130) before its process tree is killed.
    /// </summary>
    /// <exception cref="TimeoutException">It ran past <paramref name="timeout"/> and was killed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, and the companion did not stop by itself: it has been killed.</exception>
    public async Task<int> RunAsync(IEnumerable<string> arguments, TextWriter output, TextWriter error, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var command = Command(arguments);
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false, CreateNoWindow = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments) info.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = info };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (gate) output.WriteLine(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (gate) error.WriteLine(line);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource();
        if (timeout is { } t) limit.CancelAfter(t);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                    return process.ExitCode;
                }
                catch (OperationCanceledException)
                {
                }
            }
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{CommandName} ran past {timeout}");
        }
    }

    /// <summary>The file names the companion may have in a folder: its apphost, with or without .exe, or its .dll.</summary>
    private static IEnumerable<string> Candidates(string directory) =>
    [
        System.IO.Path.Combine(directory, OperatingSystem.IsWindows() ? CommandName + ".exe" : CommandName),
        System.IO.Path.Combine(directory, CommandName + ".dll"),
    ];

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
}
