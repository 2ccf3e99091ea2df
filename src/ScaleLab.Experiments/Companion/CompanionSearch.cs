using System.Reflection;
using System.Runtime.InteropServices;

namespace ScaleLab.Experiments.Companion;

/// <summary>
/// The places <see cref="TrainerCompanion.Locate(string?, CompanionSearch, out string)"/> looks in
/// after an explicit path: the environment variable, the running program's folder, PATH, and the
/// build output of the repository the program was built in.
/// </summary>
public sealed record CompanionSearch
{
    /// <summary>The value of <see cref="TrainerCompanion.EnvironmentVariable"/>, or null.</summary>
    public string? Variable { get; init; }

    /// <summary>The running program's folder, or null.</summary>
    public string? ProgramDirectory { get; init; }

    /// <summary>The folder of the executable that launched it, when that is another (a .NET tool's shim lives apart from its assemblies), or null.</summary>
    public string? LauncherDirectory { get; init; }

    /// <summary>The folders of PATH, in order.</summary>
    public IReadOnlyList<string> PathDirectories { get; init; } = [];

    /// <summary>Where to start looking upwards for a repository checkout (its <c>ScaleLab.slnx</c>), or null not to.</summary>
    public string? RepositoryStart { get; init; }

    /// <summary>The build configuration to prefer in the repository's output (that of the running program).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>This process's places.</summary>
    public static CompanionSearch FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        // Under `dotnet scalelab.dll` the launcher is the dotnet host, whose folder holds no companion.
        var launcher = Environment.ProcessPath is { } process && !Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(process) : null;
        return new CompanionSearch
        {
            Variable = Environment.GetEnvironmentVariable(TrainerCompanion.EnvironmentVariable),
            ProgramDirectory = AppContext.BaseDirectory,
            LauncherDirectory = launcher,
            PathDirectories = path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RepositoryStart = AppContext.BaseDirectory,
            Configuration = typeof(CompanionSearch).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release",
        };
    }

    /// <summary>
    /// The companion's build folders in the nearest repository above <see cref="RepositoryStart"/>
    /// (<c>src/ScaleLab.Training.Cli/bin/CONFIGURATION/TFM/RID</c> for this machine's RID), the
    /// preferred configuration first, the most recently built first within it.
    /// </summary>
    public IEnumerable<string> RepositoryBuildDirectories()
    {
        for (var dir = RepositoryStart is null ? null : new DirectoryInfo(RepositoryStart); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "ScaleLab.slnx"))) continue;
            var bin = new DirectoryInfo(System.IO.Path.Combine(dir.FullName, "src", "ScaleLab.Training.Cli", "bin"));
            if (!bin.Exists) return [];
            string rid = PortableRuntimeIdentifier();
            return bin.EnumerateDirectories()
                .OrderBy(c => string.Equals(c.Name, Configuration, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .SelectMany(c => c.EnumerateDirectories().Select(tfm => new DirectoryInfo(System.IO.Path.Combine(tfm.FullName, rid))).Where(d => d.Exists)
                    .OrderByDescending(d => d.LastWriteTimeUtc))
                .Select(d => d.FullName)
                .ToArray();
        }
        return [];
    }

    /// <summary>This machine's portable RID (<c>linux-x64</c>, <c>osx-arm64</c>, <c>win-x64</c>, …), as the companion's build folder is named.</summary>
    public static string PortableRuntimeIdentifier()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }
}
