using System.Diagnostics;
using ScaleLab.Experiments.Companion;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Cli;

/// <summary>
/// The portable scalelab where no training companion is: a copy of the command outside the
/// repository, with the companion neither named, nor beside it, nor on PATH. Fitting works; the
/// training commands stop with one line that says what is missing and how to get it.
/// </summary>
public sealed class PortableCliTests
{
    [Fact]
    public void WithoutTheCompanion_TrainingCommandsSayWhatIsMissing_AndFittingStillWorks()
    {
        using var dir = new TempDirectory();
        var app = CopyOfTheCommand(dir.Path);
        var store = Path.Combine(dir.Path, "scalelab.db");
        var csv = dir.File("runs.csv", "N,D,loss\n1e6,2e7,3.1\n2e6,4e7,2.9\n4e6,8e7,2.7\n8e6,1.6e8,2.55\n1.6e7,3.2e8,2.42\n3.2e7,6.4e8,2.33\n");

        foreach (var args in new[] { new[] { "demo", "--store", store }, ["train", "teacher-student", "--width", "8"], ["experiment", "teacher-student", "--store", store] })
        {
            var (code, stdout, stderr) = Run(app, dir.Path, args);
            Assert.Equal(2, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: the training companion scalelab-train was not found", line);
            Assert.Contains(TrainerCompanion.HowToGet, line);
            Assert.Equal("", stdout);
            Assert.False(File.Exists(store), "a study without a companion created its store");
        }

        var fit = Run(app, dir.Path, ["fit", csv, "--law", "kaplan-n", "--json"]);
        Assert.True(fit.Code == 0, fit.Error);
        Assert.Contains("\"status\"", fit.Out);
    }

    /// <summary>The command's files from this test's output (which holds scalelab and its dependencies), natives of this RID only.</summary>
    private static string CopyOfTheCommand(string into)
    {
        var app = Path.Combine(into, "scalelab");
        Directory.CreateDirectory(app);
        var source = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("ScaleLab.Cli.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }
        var natives = Path.Combine(source, "runtimes", CompanionSearch.PortableRuntimeIdentifier());
        foreach (var file in Directory.EnumerateFiles(natives, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(app, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Path.Combine(app, "ScaleLab.Cli.dll");
    }

    private static (int Code, string Out, string Error) Run(string app, string workingDirectory, string[] args)
    {
        var dotnet = DotnetHost();
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(app);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove(TrainerCompanion.EnvironmentVariable);
        // PATH holds the dotnet host and nothing that could be a companion.
        info.Environment["PATH"] = Path.GetDirectoryName(dotnet)!;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "scalelab did not exit");
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The full path of the dotnet host running the tests.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("no dotnet host on PATH");
    }
}
