using ScaleLab.IO;
using ScaleLab.Tests.Cli;

namespace ScaleLab.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void FailedWrite_LeavesTheEarlierFileWholeAndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.csv", "N,D,loss\n1e9,2e10,2.5\n");
        // The writer dies half-way through a row, as a full disk would stop it.
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("N,D,loss\n1e9,2e1"u8);
            throw new IOException("No space left on device");
        }));
        Assert.Contains(path, ex.Message);
        Assert.DoesNotContain(".tmp", ex.Message);
        Assert.Equal("N,D,loss\n1e9,2e10,2.5\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FailedWrite_OfANewFile_LeavesNothing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "plot.png");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            throw new InvalidOperationException("renderer failed");
        }));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void UncommittedPendingFile_IsRemovedAndTheTargetUntouched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fit.json", "old\n");
        using (AtomicFile.Prepare(path, stream => stream.Write("new\n"u8)))
        {
            Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
        }
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Write_ReplacesTheFileWhole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fit.json", "old\n");
        AtomicFile.WriteAllText(path, "new\n");
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ReadOnlyFile_MissingFolderAndFolderTarget_AreRefusedNamingThePath()
    {
        using var dir = new TempDirectory();
        var readOnly = dir.File("report.html", "kept");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        try
        {
            var ex = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(readOnly, "new"));
            Assert.Contains("read-only", ex.Message);
            Assert.Equal("kept", File.ReadAllText(readOnly));
        }
        finally
        {
            File.SetAttributes(readOnly, FileAttributes.Normal);
        }
        var missing = Path.Combine(dir.Path, "no-such-folder", "out.csv");
        Assert.Contains(missing, Assert.Throws<IOException>(() => AtomicFile.WriteAllText(missing, "x")).Message);
        Assert.Contains("folder", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dir.Path, "x")).Message);
    }
}
