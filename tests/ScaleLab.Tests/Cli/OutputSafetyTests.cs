using System.Text;
using ScaleLab.Cli;
using ScaleLab.Store;

namespace ScaleLab.Tests.Cli;

/// <summary>Failures of the files and the standard output a command writes: exit 2, one line, nothing half-written.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void FitJsonOut_WhenStandardOutputFails_ExitsTwoAndWritesNoFile()
    {
        using var dir = new TempDirectory();
        var runs = dir.File("runs.csv", FitCommandTests.RunsCsv());
        var saved = Path.Combine(dir.Path, "fit.json");
        var error = new StringWriter();
        var configuration = new CliInvocation { Output = new FullDisk(), Error = error };
        int code = Program.Run(["fit", runs, "--law", "chinchilla", "--json", "--out", saved], configuration);
        Assert.Equal(Program.BadInput, code);
        Assert.StartsWith("error: cannot write to standard output", error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.False(File.Exists(saved));
        Assert.Equal([runs], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FlopsJson_WhenStandardOutputFails_ExitsTwoWithOneLine()
    {
        var error = new StringWriter();
        int code = Program.Run(["flops", "--params", "1e9", "--tokens", "2e10", "--json"], new CliInvocation { Output = new FullDisk(), Error = error });
        Assert.Equal(Program.BadInput, code);
        Assert.Contains("No space left on device", error.ToString());
        Assert.DoesNotContain("Unhandled", error.ToString());
    }

    [Fact]
    public void RunsExport_IntoAMissingFolderOrOntoAFolder_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var store = Path.Combine(dir.Path, "runs.db");
        RunStore.Open(store, TimeProvider.System).Dispose();
        foreach (var target in new[] { Path.Combine(dir.Path, "missing", "runs.csv"), dir.Path })
        {
            var (code, _, error) = CliRunner.Run("runs", "export", "--store", store, "--output", target);
            Assert.Equal(Program.BadInput, code);
            Assert.StartsWith("error: ", error);
            Assert.Contains(target, error);
        }
    }

    /// <summary>Standard output on a full disk: every write fails as the stream under it would.</summary>
    private sealed class FullDisk : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
